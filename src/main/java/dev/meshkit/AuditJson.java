package dev.meshkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.meshkit.AuditEvent.ProductAccess;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of an audit event and its fields, as the {@code meshkit.audit} log and the JDBC
 * audit sink write them, for sinks of your own that store the same shapes. Written field by field
 * with Jackson's streaming generator, so the field order is fixed and no reflection runs per event.
 */
public final class AuditJson {

  private static final JsonFactory JSON = new JsonFactory();

  private AuditJson() {
  }

  /** The log line described by {@link AuditEvent#toLogLine()}. */
  public static String logLine(AuditEvent e) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("time", e.time().toString());
      g.writeStringField("principal", e.principal());
      g.writeFieldName("roles");
      strings(g, e.roles());
      g.writeStringField("decision", e.decision().name());
      g.writeStringField("policy", e.decidingPolicy());
      g.writeFieldName("products");
      products(g, e.products());
      g.writeNumberField("rows", e.rowsReturned());
      g.writeNumberField("durationMs", e.duration().toMillis());
      g.writeStringField("error", e.error());
      g.writeFieldName("warnings");
      strings(g, e.warnings());
      g.writeStringField("sql", e.sql());
      g.writeEndObject();
    });
  }

  /** {@code [{"product":…,"columns":[…],"rowFilters":[…],"masks":{…}}, …]} */
  public static String products(List<ProductAccess> products) {
    return write(g -> products(g, products));
  }

  /** A JSON array of strings. */
  public static String strings(Collection<String> values) {
    return write(g -> strings(g, values));
  }

  private static void products(JsonGenerator g, List<ProductAccess> products) throws IOException {
    g.writeStartArray();
    for (ProductAccess p : products) {
      g.writeStartObject();
      g.writeStringField("product", p.product());
      g.writeFieldName("columns");
      strings(g, p.columns());
      g.writeFieldName("rowFilters");
      strings(g, p.rowFilters());
      g.writeObjectFieldStart("masks");
      for (Map.Entry<String, String> mask : p.masks().entrySet()) {
        g.writeStringField(mask.getKey(), mask.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, Collection<String> values) throws IOException {
    g.writeStartArray();
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      // A StringWriter does not fail; this would be a bug in the code above.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
