package dev.meshkit.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.AuditEvent;
import dev.meshkit.MeshException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TimeZone;

/**
 * The audit events a durable store keeps, oldest first, read one at a time from an open result set,
 * then the events still waiting to be written. Closing it, even halfway, closes the result set and
 * gives the connection back; {@link #cancel} stops the statement from another thread.
 */
public final class AuditHistory implements Iterator<AuditEvent>, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final Iterator<AuditEvent> pending;
  private final String where;
  /** Gives the store's reader slot back, once. */
  private final Runnable released;
  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private AuditEvent next;
  private boolean storedDone;
  private volatile boolean ended;
  private boolean closed;

  AuditHistory(Connection connection, Statement statement, ResultSet rows, List<AuditEvent> pending, String where,
      Runnable released) {
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.pending = pending.iterator();
    this.where = where;
    this.released = released;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !closed) {
      next = read();
    }
    return next != null;
  }

  @Override
  public AuditEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    AuditEvent event = next;
    next = null;
    return event;
  }

  private AuditEvent read() {
    if (!storedDone) {
      try {
        if (rows.next()) {
          return event(rows);
        }
      } catch (SQLException e) {
        release();
        throw new MeshException("metadata store " + where + ": reading the audit events failed: "
            + e.getMessage(), e);
      }
      storedDone = true;
      // The pending events are in memory already: the connection goes back to the pool now.
      release();
    }
    return pending.hasNext() ? pending.next() : null;
  }

  private AuditEvent event(ResultSet rs) throws SQLException {
    AuditEvent.Builder event = AuditEvent.builder()
        .time(rs.getTimestamp(1, utc).toInstant())
        .principal(rs.getString(2))
        .roles(strings(rs.getString(3)))
        .decision(AuditEvent.Decision.valueOf(rs.getString(4)))
        .decidingPolicy(rs.getString(5))
        .products(products(rs.getString(6)))
        .rowsReturned(rs.getLong(7))
        .duration(Duration.ofMillis(rs.getLong(8)))
        .error(rs.getString(9))
        .sql(nonNull(rs.getString(11)));
    strings(rs.getString(10)).forEach(event::warning);
    return event.build();
  }

  /** Oracle reads an empty text back as null. */
  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  /** A JSON list of strings; one cut at its column's width keeps the strings stored whole. */
  static List<String> strings(String json) {
    List<String> values = new ArrayList<>();
    if (json == null) {
      return values;
    }
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() == JsonToken.START_ARRAY) {
        for (JsonToken t = p.nextToken(); t == JsonToken.VALUE_STRING; t = p.nextToken()) {
          values.add(p.getText());
        }
      }
    } catch (IOException e) {
      // Cut at the column's width: what was read stays.
    }
    return values;
  }

  /** The products JSON of {@code AuditJson}; one cut at its column's width keeps the products stored whole. */
  static List<AuditEvent.ProductAccess> products(String json) {
    List<AuditEvent.ProductAccess> products = new ArrayList<>();
    if (json == null) {
      return products;
    }
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode product = p.readValueAsTree();
          Map<String, String> masks = new LinkedHashMap<>();
          product.path("masks").fields().forEachRemaining(m -> masks.put(m.getKey(), m.getValue().asText()));
          products.add(new AuditEvent.ProductAccess(product.path("product").asText(), texts(product.path("columns")),
              texts(product.path("rowFilters")), masks));
        }
      }
    } catch (IOException e) {
      // Cut at the column's width: the products read whole stay.
    }
    return products;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(value -> texts.add(value.asText()));
    return texts;
  }

  /** Stops the statement now; safe from another thread. */
  public void cancel() {
    if (ended) {
      return;
    }
    try {
      statement.cancel();
    } catch (SQLException e) {
      // Closing follows and releases it anyway.
    }
  }

  @Override
  public void close() {
    closed = true;
    release();
  }

  private synchronized void release() {
    if (ended) {
      return;
    }
    ended = true;
    released.run();
    try (connection; statement; rows) {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // A read-only cursor: nothing is lost when its closing fails.
    }
  }
}
