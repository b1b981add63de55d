package dev.meshkit.testing;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions for governance tests: what a principal may read, which rows and which masked columns.
 *
 * <pre>{@code
 * MeshAssertions.assertThat(mesh).principal("bert")
 *     .cannotRead("sales.orders")
 *     .canRead("sales.customer")
 *     .seesColumnMasked("sales.customer", "phone")
 *     .seesOnlyRows("sales.customer", "nation_id = 2");
 * }</pre>
 *
 * Each check runs a query as the principal, through the same path as any connection. Failure
 * messages name the principal, product and column, and count rows; they never print values.
 */
public final class MeshAssertions {

  private static final Pattern PRODUCT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String DENIED = "42501";

  private MeshAssertions() {
  }

  /** Starts assertions on a mesh. */
  public static MeshAssert assertThat(Mesh mesh) {
    return new MeshAssert(Objects.requireNonNull(mesh, "mesh is null"));
  }

  /** Chooses the principal the assertions run as. */
  public static final class MeshAssert {
    private final Mesh mesh;

    private MeshAssert(Mesh mesh) {
      this.mesh = mesh;
    }

    /**
     * A principal the mesh resolves by name (by default: declared in the descriptor).
     *
     * @throws AssertionFailedError if the mesh knows no such principal
     */
    public PrincipalAssert principal(String name) {
      Objects.requireNonNull(name, "name is null");
      Principal principal = mesh.principal(name).orElseThrow(() ->
          new AssertionFailedError("mesh " + mesh.name() + " has no principal '" + name + "'"));
      return new PrincipalAssert(mesh, principal);
    }

    /** Any principal, such as one built with roles and attributes the descriptor does not declare. */
    public PrincipalAssert as(Principal principal) {
      return new PrincipalAssert(mesh, Objects.requireNonNull(principal, "principal is null"));
    }
  }

  /** Assertions about what one principal sees. Each returns {@code this}, so they chain. */
  public static final class PrincipalAssert {
    private final Mesh mesh;
    private final Principal principal;

    private PrincipalAssert(Mesh mesh, Principal principal) {
      this.mesh = mesh;
      this.principal = principal;
    }

    /** The principal can query the product ({@code domain.product}). */
    public PrincipalAssert canRead(String product) {
      String sql = "SELECT COUNT(*) FROM " + product(product);
      try {
        count(sql);
      } catch (SQLException e) {
        throw fail(who() + " cannot read " + product + ", but should: " + e.getMessage());
      }
      return this;
    }

    /**
     * The principal is refused the product with an access denial (SQLState 42501). Any other
     * failure, such as a misspelled product, fails the assertion: it proves nothing about policy.
     */
    public PrincipalAssert cannotRead(String product) {
      String sql = "SELECT COUNT(*) FROM " + product(product);
      long rows;
      try {
        rows = count(sql);
      } catch (SQLException e) {
        if (DENIED.equals(e.getSQLState())) {
          return this;
        }
        throw fail(who() + " could not read " + product + ", but not because access was denied (SQLState "
            + e.getSQLState() + "): " + e.getMessage());
      }
      throw fail(who() + " can read " + product + " (" + rows + " rows visible), but should not");
    }

    /** Every row the principal sees of the product satisfies the SQL condition, and there is at least one. */
    public PrincipalAssert seesOnlyRows(String product, String condition) {
      Objects.requireNonNull(condition, "condition is null");
      String sql = "SELECT COUNT(*), COUNT(CASE WHEN (" + condition + ") THEN 1 END) FROM " + product(product);
      long[] counts = counts(sql, product);
      if (counts[0] == 0) {
        throw fail(who() + " sees no rows of " + product + ", so 'seesOnlyRows(" + condition
            + ")' proves nothing (use seesRowCount(\"" + product + "\", 0) to assert that)");
      }
      if (counts[1] != counts[0]) {
        throw fail(who() + " sees " + (counts[0] - counts[1]) + " of " + counts[0] + " rows of " + product
            + " for which " + condition + " is not true");
      }
      return this;
    }

    /** The principal sees exactly this many rows of the product. */
    public PrincipalAssert seesRowCount(String product, long expected) {
      long actual = counts("SELECT COUNT(*) FROM " + product(product), product)[0];
      if (actual != expected) {
        throw new AssertionFailedError(who() + " sees " + actual + " rows of " + product + ", expected "
            + expected, expected, actual);
      }
      return this;
    }

    /** A mask policy applies to the column when the principal reads it. */
    public PrincipalAssert seesColumnMasked(String product, String column) {
      String mask = maskOf(product, column);
      if (mask == null) {
        throw fail("column " + column + " of " + product + " is not masked for " + who());
      }
      return this;
    }

    /** No mask applies to the column when the principal reads it. */
    public PrincipalAssert seesColumnUnmasked(String product, String column) {
      String mask = maskOf(product, column);
      if (mask != null) {
        throw fail("column " + column + " of " + product + " is masked for " + who() + " by policy " + mask
            + ", but should be readable as stored");
      }
      return this;
    }

    /** The mask policy the audit records for the column, or null; reads the column as the principal. */
    private String maskOf(String product, String column) {
      Objects.requireNonNull(column, "column is null");
      if (!COLUMN.matcher(column).matches()) {
        throw new IllegalArgumentException("column must be a plain name, not: " + column);
      }
      String sql = "SELECT " + column + " FROM " + product(product);
      try (Connection connection = mesh.connect(principal); Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          // Drained so that the statement completes and its audit event is final.
        }
      } catch (SQLException e) {
        throw fail(who() + " cannot read column " + column + " of " + product + ": " + e.getMessage());
      }
      List<AuditEvent> events = mesh.auditEvents();
      for (int i = events.size() - 1; i >= 0; i--) {
        AuditEvent event = events.get(i);
        if (event.principal().equals(principal.name()) && event.sql().equals(sql)) {
          for (AuditEvent.ProductAccess access : event.products()) {
            if (access.product().equalsIgnoreCase(product)) {
              return access.masks().entrySet().stream()
                  .filter(e -> e.getKey().equalsIgnoreCase(column))
                  .map(e -> e.getValue())
                  .findFirst().orElse(null);
            }
          }
          throw fail("the audit of " + who() + " reading " + product + " does not mention the product");
        }
      }
      throw fail("no audit event found for " + who() + " reading " + product);
    }

    private long count(String sql) throws SQLException {
      try (Connection connection = mesh.connect(principal); Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private long[] counts(String sql, String product) {
      try (Connection connection = mesh.connect(principal); Statement statement = connection.createStatement();
           ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        long[] counts = new long[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < counts.length; i++) {
          counts[i] = rs.getLong(i + 1);
        }
        return counts;
      } catch (SQLException e) {
        throw fail(who() + " cannot read " + product + ": " + e.getMessage());
      }
    }

    private String who() {
      return "principal " + principal.name();
    }

    private static String product(String product) {
      Objects.requireNonNull(product, "product is null");
      if (!PRODUCT.matcher(product).matches()) {
        throw new IllegalArgumentException("product must be named domain.product, not: " + product);
      }
      return product;
    }

    private static AssertionFailedError fail(String message) {
      return new AssertionFailedError(message);
    }
  }
}
