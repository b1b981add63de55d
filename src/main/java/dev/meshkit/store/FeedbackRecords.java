package dev.meshkit.store;

import dev.meshkit.Feedback;
import dev.meshkit.MeshException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Product feedback in the metadata store. Unlike usage, feedback is written as it is given, in its
 * own transaction, so whoever gives it learns at once if the store cannot keep it; and it is read
 * from the database, so a {@code meshkit feedback} run beside a serving mesh shows in both. Who may
 * give or see what is decided above; here rows are kept as asked.
 */
public final class FeedbackRecords {

  private static final String COLUMNS =
      "id, product, kind, rating, comment_text, principal, created_at, status, resolved_by, resolved_at";

  private final MetadataStore store;

  FeedbackRecords(MetadataStore store) {
    this.store = store;
  }

  /** Replaces the principal's rating of the product, or adds it. */
  public Feedback rate(String product, String principal, int rating, String comment, Instant now) {
    try (Connection c = store.dataSource().getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Long id = null;
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM " + StoreSchema.FEEDBACK
            + " WHERE product = ? AND principal = ? AND kind = 'rating' ORDER BY id FOR UPDATE")) {
          find.setString(1, product);
          find.setString(2, principal);
          try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
              id = rs.getLong(1);
            }
          }
        }
        if (id == null) {
          id = insert(c, product, "rating", rating, comment, principal, now, null);
        } else {
          try (PreparedStatement update = c.prepareStatement("UPDATE " + StoreSchema.FEEDBACK
              + " SET rating = ?, comment_text = ?, created_at = ? WHERE id = ?")) {
            update.setInt(1, rating);
            update.setString(2, comment);
            update.setObject(3, MetadataStore.utc(now));
            update.setLong(4, id);
            update.executeUpdate();
          }
        }
        c.commit();
        return new Feedback(id, product, Feedback.Kind.RATING, principal, rating, comment, now, null, null, null);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw unavailable("keep the rating", e);
    }
  }

  /** Adds an open problem. */
  public Feedback reportProblem(String product, String principal, String description, Instant now) {
    try (Connection c = store.dataSource().getConnection()) {
      long id = insert(c, product, "problem", null, description, principal, now, "open");
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return new Feedback(id, product, Feedback.Kind.PROBLEM, principal, null, description, now,
          Feedback.Status.OPEN, null, null);
    } catch (SQLException e) {
      throw unavailable("keep the problem report", e);
    }
  }

  private static long insert(Connection c, String product, String kind, Integer rating, String comment,
      String principal, Instant now, String status) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + StoreSchema.FEEDBACK
        + " (product, kind, rating, comment_text, principal, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, product);
      insert.setString(2, kind);
      if (rating == null) {
        insert.setNull(3, java.sql.Types.INTEGER);
      } else {
        insert.setInt(3, rating);
      }
      insert.setString(4, comment);
      insert.setString(5, principal);
      insert.setObject(6, MetadataStore.utc(now));
      insert.setString(7, status);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong("id");
      }
    }
  }

  /** Marks the problem resolved, unless it already is; returns it as it now stands. */
  public Feedback resolve(long id, String by, Instant now) {
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement update = c.prepareStatement("UPDATE " + StoreSchema.FEEDBACK
            + " SET status = 'resolved', resolved_by = ?, resolved_at = ? WHERE id = ? AND kind = 'problem'"
            + " AND status = 'open'")) {
      update.setString(1, by);
      update.setObject(2, MetadataStore.utc(now));
      update.setLong(3, id);
      update.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw unavailable("mark the problem resolved", e);
    }
    return byId(id).orElseThrow(() -> new IllegalStateException("problem " + id + " vanished while resolved"));
  }

  public Optional<Feedback> byId(long id) {
    List<Feedback> found = select(" WHERE id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** A product's feedback, newest first. */
  public List<Feedback> of(String product) {
    return select(" WHERE product = ? ORDER BY created_at DESC, id DESC", product);
  }

  /** Every product's feedback, newest first. */
  public List<Feedback> all() {
    return select(" ORDER BY created_at DESC, id DESC");
  }

  /** A product's ratings and open problems, rolled up. */
  public record Summary(Double ratingAverage, long ratings, long openProblems) {
    public static final Summary NONE = new Summary(null, 0, 0);
  }

  /** Every product's summary, by qualified name; products without feedback are missing. */
  public Map<String, Summary> summaries() {
    String sql = "SELECT product, AVG(CAST(rating AS DOUBLE PRECISION)), COUNT(rating),"
        + " SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) FROM " + StoreSchema.FEEDBACK + " GROUP BY product";
    Map<String, Summary> summaries = new HashMap<>();
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        double average = rs.getDouble(2);
        summaries.put(rs.getString(1), new Summary(rs.wasNull() ? null : average, rs.getLong(3), rs.getLong(4)));
      }
    } catch (SQLException e) {
      throw unavailable("read feedback", e);
    }
    return summaries;
  }

  private List<Feedback> select(String where, Object... parameters) {
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + StoreSchema.FEEDBACK + where)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<Feedback> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          int rating = rs.getInt(4);
          Integer boxed = rs.wasNull() ? null : rating;
          String status = rs.getString(8);
          rows.add(new Feedback(rs.getLong(1), rs.getString(2),
              rs.getString(3).equals("rating") ? Feedback.Kind.RATING : Feedback.Kind.PROBLEM, rs.getString(6),
              boxed, rs.getString(5), MetadataStore.instant(rs, 7),
              status == null ? null : status.equals("open") ? Feedback.Status.OPEN : Feedback.Status.RESOLVED,
              rs.getString(9), MetadataStore.instant(rs, 10)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw unavailable("read feedback", e);
    }
  }

  private MeshException unavailable(String action, SQLException e) {
    return new MeshException("the metadata store " + store.where() + " could not " + action + ": " + e.getMessage(),
        e);
  }
}
