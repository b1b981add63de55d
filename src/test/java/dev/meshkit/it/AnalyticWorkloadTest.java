package dev.meshkit.it;

import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the {@link AnalyticQueries analytic workload} over {@link RetailData} spread across
 * four sources (customers in H2, products in a CSV file, suppliers and order lines in MariaDB,
 * orders in PostgreSQL) answers as PostgreSQL does with every table in one schema.
 *
 * <p>Rows compare as multisets unless the query orders them. Floating-point values compare within
 * a relative 1e-9 (engines sum in different orders); every other value exactly, but for the one
 * documented difference (docs/sql.md): a decimal quotient or average keeps its own number of
 * fraction digits in each engine, so two decimals agree when they are equal rounded (half away from
 * zero) to the fewer fraction digits of the two, as long as the mesh keeps at least six or
 * PostgreSQL's, whichever is fewer; a truncated average fails that.
 */
@Tag("integration")
@Tag("slow")
class AnalyticWorkloadTest {

  private static final String SCHEMA = "meshkit_it_analytic";
  private static final String REFERENCE = "meshkit_it_analytic_ref";
  private static final int MIN_FRACTION_DIGITS = 6;

  private static final Map<String, String> MESH_TABLES = Map.of("customers", "crm.customers",
      "products", "goods.products", "suppliers", "supply.suppliers", "lines", "supply.order_lines",
      "orders", "sales.orders");
  private static final Map<String, String> REFERENCE_TABLES = Map.of("customers", REFERENCE + ".customers",
      "products", REFERENCE + ".products", "suppliers", REFERENCE + ".suppliers",
      "lines", REFERENCE + ".order_lines", "orders", REFERENCE + ".orders");

  @TempDir
  static Path dir;
  private static Mesh mesh;
  private static Connection meshConnection;
  private static Connection postgres;

  @BeforeAll
  static void load() throws Exception {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    RetailData data = new RetailData();
    String h2 = "jdbc:h2:mem:" + SCHEMA + ";DB_CLOSE_DELAY=-1";
    postgres = Servers.postgres();
    try (Connection maria = Servers.mariadb(); Connection h2Source = DriverManager.getConnection(h2, "sa", "")) {
      Servers.execute(postgres, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
          "DROP SCHEMA IF EXISTS " + REFERENCE + " CASCADE", "CREATE SCHEMA " + REFERENCE);
      Servers.execute(maria, "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA);
      for (RetailData.Table table : data.all()) {
        table.load(postgres, REFERENCE + "." + table.name(), true);
      }
      data.customers.load(h2Source, "customers", false);
      data.orders.load(postgres, SCHEMA + ".orders", true);
      data.suppliers.load(maria, SCHEMA + ".suppliers", false);
      data.lines.load(maria, SCHEMA + ".order_lines", false);
    }
    write(dir.resolve("products.csv"), data.products.csv());
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("analytic")
        .domain("crm", d -> d.jdbcSource("db", h2, "sa", "").product("customers", "SELECT * FROM db.customers"))
        .domain("goods", d -> d.source("csv", "csv", Map.of("path", dir.toString(),
            "columns", Map.of("products", data.products.csvTypes()))).product("products", "SELECT * FROM csv.products"))
        .domain("supply", d -> d.source("db", "jdbc", Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER,
            "catalog", SCHEMA)).product("suppliers", "SELECT * FROM db.suppliers")
            .product("order_lines", "SELECT * FROM db.order_lines"))
        .domain("sales", d -> d.source("db", "jdbc", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
            "schema", SCHEMA)).product("orders", "SELECT * FROM db.orders"))
        .build();
    meshConnection = mesh.connect(Principal.of("ann"));
  }

  @AfterAll
  static void close() throws Exception {
    // Guarded: JUnit comes here also when load() skipped the class or failed midway.
    if (meshConnection != null) {
      meshConnection.close();
    }
    if (mesh != null) {
      mesh.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    Files.deleteIfExists(dir.resolve("products.csv"));
  }

  @TestFactory
  Stream<DynamicTest> meshAnswersAsPostgresWithAllTheData() {
    List<AnalyticQueries.Query> queries = AnalyticQueries.all();
    assertTrue(queries.size() >= 60, "the workload has " + queries.size() + " queries");
    return queries.stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> {
      String meshSql = query.forMesh(MESH_TABLES);
      Answer want = Answer.of(postgres, query.forPostgres(REFERENCE_TABLES));
      Answer got = Answer.of(meshConnection, meshSql);
      String difference = got.differenceFrom(want, query.ordered());
      if (difference != null) {
        fail(query.name() + ": the mesh answers otherwise than PostgreSQL: " + difference + "\n-- query: " + meshSql);
      }
    }));
  }

  /** A query's rows, and which of its columns are floating point. */
  record Answer(List<List<Object>> rows, boolean[] floating) {

    static Answer of(Connection connection, String sql) throws SQLException {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        boolean[] floating = new boolean[columns];
        for (int i = 0; i < columns; i++) {
          int type = meta.getColumnType(i + 1);
          floating[i] = type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL;
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(columns);
          for (int i = 1; i <= columns; i++) {
            row.add(normalize(rs.getObject(i)));
          }
          rows.add(row);
        }
        return new Answer(rows, floating);
      }
    }

    /** Exact numbers as BigDecimal, floating ones as Double, dates and times as their ISO text. */
    private static Object normalize(Object value) {
      if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
        return BigDecimal.valueOf(((Number) value).longValue());
      }
      if (value instanceof Float f) {
        return f.doubleValue();
      }
      if (value instanceof java.util.Date || value instanceof java.time.temporal.Temporal) {
        return value.toString();
      }
      return value;
    }

    /** Null when this (the mesh's answer) matches {@code expected}, else what differs. */
    String differenceFrom(Answer expected, boolean ordered) {
      if (expected.floating.length != floating.length) {
        return "expected " + expected.floating.length + " columns, got " + floating.length;
      }
      if (expected.rows.size() != rows.size()) {
        return "expected " + expected.rows.size() + " rows, got " + rows.size() + "; first expected "
            + expected.rows.stream().limit(3).toList() + ", first got " + rows.stream().limit(3).toList();
      }
      List<List<Object>> want = ordered ? expected.rows : sorted(expected.rows);
      List<List<Object>> got = ordered ? rows : sorted(rows);
      for (int r = 0; r < got.size(); r++) {
        for (int c = 0; c < floating.length; c++) {
          if (!same(got.get(r).get(c), want.get(r).get(c), floating[c] || expected.floating[c])) {
            return "row " + (r + 1) + " column " + (c + 1) + ": expected " + want.get(r) + ", got " + got.get(r);
          }
        }
      }
      return null;
    }

    private static boolean same(Object got, Object want, boolean floating) {
      if (got == null || want == null) {
        return got == want;
      }
      if (floating && got instanceof Number g && want instanceof Number w) {
        double a = g.doubleValue();
        double b = w.doubleValue();
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
      }
      if (got instanceof BigDecimal g && want instanceof BigDecimal w) {
        if (g.compareTo(w) == 0) {
          return true;
        }
        int scale = Math.min(g.scale(), w.scale());
        return scale >= Math.min(MIN_FRACTION_DIGITS, w.scale())
            && g.setScale(scale, RoundingMode.HALF_UP).compareTo(w.setScale(scale, RoundingMode.HALF_UP)) == 0;
      }
      return got.equals(want);
    }

    /** The rows in a canonical order: decimals by their value rounded to a few digits, so both sides sort alike. */
    private static List<List<Object>> sorted(List<List<Object>> rows) {
      Comparator<List<Object>> order = (a, b) -> {
        for (int c = 0; c < a.size(); c++) {
          int compared = Comparator.nullsFirst(Comparator.comparing(AnalyticWorkloadTest.Answer::sortKey))
              .compare(a.get(c), b.get(c));
          if (compared != 0) {
            return compared;
          }
        }
        return 0;
      };
      return rows.stream().sorted(order).collect(Collectors.toList());
    }

    private static String sortKey(Object value) {
      if (value instanceof BigDecimal d) {
        return String.format("%030.4f", d.setScale(4, RoundingMode.HALF_UP).add(BigDecimal.valueOf(1_000_000_000L)));
      }
      if (value instanceof Double d) {
        return String.format("%030.4f", d + 1e9);
      }
      return value.getClass().getSimpleName() + ":" + value;
    }
  }
}
