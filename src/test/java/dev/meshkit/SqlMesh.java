package dev.meshkit;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same small tables in three sources, for tests of SQL semantics that must not depend on where
 * a table lives: domain {@code h2} (an H2 database, where work is pushed down), domain {@code h2b}
 * (a second H2 database, so joins cross sources) and domain {@code files} (CSV files, where
 * everything is computed in the JVM). Each domain has the products {@code tab0}, {@code tab1}
 * (sqllogictest's INTEGER tables), {@code big} (BIGINT), {@code t5} (text and floating columns)
 * and {@code money} (DECIMAL). A reference H2 database ({@link #reference}) holds the same tables.
 */
public final class SqlMesh implements AutoCloseable {

  /** Every domain, one per kind of source. */
  public static final List<String> DOMAINS = List.of("h2", "h2b", "files");

  private static final String[] TABLES = {
      "CREATE TABLE tab0(col0 INTEGER, col1 INTEGER, col2 INTEGER)",
      "INSERT INTO tab0 VALUES (97, 1, 99), (15, 81, 47), (87, 21, 10)",
      "CREATE TABLE tab1(col0 INTEGER, col1 INTEGER, col2 INTEGER)",
      "INSERT INTO tab1 VALUES (51, 14, 96), (85, 5, 59), (91, 47, 68), (NULL, NULL, NULL)",
      "CREATE TABLE big(a BIGINT, b BIGINT)",
      "INSERT INTO big VALUES (-97, 30), (-15, 40), (-87, 50), (5, 7)",
      "CREATE TABLE t5(pk INTEGER, col0 INTEGER, col1 DOUBLE, col2 VARCHAR(10), col5 VARCHAR(10))",
      "INSERT INTO t5 VALUES (0, 1, 2.5, 'abc', 'x'), (1, 2, 3.5, NULL, NULL), (2, -3, -4.5, '12', '7')",
      "CREATE TABLE money(id INTEGER, amount DECIMAL(10,2), qty INTEGER)",
      "INSERT INTO money VALUES (1, 10.00, 3), (2, 0.01, 7), (3, -2.50, 2), (4, NULL, NULL)",
  };

  /** The CSV files, typed as the H2 tables are. */
  private static final Map<String, String> FILES = Map.of(
      "tab0.csv", "col0,col1,col2\n97,1,99\n15,81,47\n87,21,10\n",
      "tab1.csv", "col0,col1,col2\n51,14,96\n85,5,59\n91,47,68\n,,\n",
      "big.csv", "a,b\n-97,30\n-15,40\n-87,50\n5,7\n",
      "t5.csv", "pk,col0,col1,col2,col5\n0,1,2.5,abc,x\n1,2,3.5,,\n2,-3,-4.5,12,7\n",
      "money.csv", "id,amount,qty\n1,10.00,3\n2,0.01,7\n3,-2.50,2\n4,,\n");

  private static final Map<String, Object> FILE_TYPES = Map.of(
      "tab0", Map.of("col0", "integer", "col1", "integer", "col2", "integer"),
      "tab1", Map.of("col0", "integer", "col1", "integer", "col2", "integer"),
      "big", Map.of("a", "bigint", "b", "bigint"),
      "t5", Map.of("pk", "integer", "col0", "integer", "col1", "double", "col2", "varchar", "col5", "varchar"),
      "money", Map.of("id", "integer", "amount", "decimal(10,2)", "qty", "integer"));

  public final Mesh mesh;
  private final Connection reference;
  private final List<Connection> open = new ArrayList<>();

  private SqlMesh(Mesh mesh, Connection reference) {
    this.mesh = mesh;
    this.reference = reference;
  }

  /** Creates the sources under {@code name} (unique per test class) and loads the mesh. */
  public static SqlMesh open(Path dir, String name) throws SQLException {
    String first = h2(name + "_a", TABLES);
    String second = h2(name + "_b", TABLES);
    String reference = h2(name + "_ref", TABLES);
    Path files = dir.resolve(name);
    FILES.forEach((file, text) -> write(files.resolve(file), text));
    Mesh mesh = Mesh.builder().grant("everyone-reads-everything", "*").name(name)
        .domain("h2", d -> products(d.jdbcSource("db", first, "sa", ""), "db"))
        .domain("h2b", d -> products(d.jdbcSource("db", second, "sa", ""), "db"))
        .domain("files", d -> products(d.source("csv", "csv",
            Map.of("path", files.toString(), "columns", FILE_TYPES)), "csv"))
        .build();
    return new SqlMesh(mesh, DriverManager.getConnection(reference, "sa", ""));
  }

  private static void products(Mesh.DomainBuilder domain, String source) {
    for (String table : FILE_TYPES.keySet()) {
      domain.product(table, "SELECT * FROM " + source + "." + table);
    }
  }

  /** A connection of a principal who reads every product; closed with the fixture. */
  public Connection connect() throws SQLException {
    Connection c = mesh.connect(Principal.of("ann", "analyst"));
    open.add(c);
    return c;
  }

  /** The H2 database holding every table once, under the table names alone. */
  public Connection reference() {
    return reference;
  }

  @Override
  public void close() {
    for (Connection c : open) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing what the test left open; nothing to report
      }
    }
    try {
      reference.close();
    } catch (SQLException e) {
      // as above
    }
    mesh.close();
  }
}
