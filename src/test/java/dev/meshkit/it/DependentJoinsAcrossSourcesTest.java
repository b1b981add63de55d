package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dependent joins into PostgreSQL and MariaDB: {@code facts} (20,000 rows) in each server, the
 * small side ({@code items}, 5,000 rows, a few of them chosen) in H2. The servers receive the keys
 * as parameters of their own types (INTEGER, DECIMAL, DATE) and send only the matching rows; the
 * answers equal one H2 database's holding all the data.
 */
@Tag("integration")
class DependentJoinsAcrossSourcesTest {

  private static final String SCHEMA = "meshkit_it_dependent";
  private static final String ITEMS_H2 = "jdbc:h2:mem:" + SCHEMA + ";DB_CLOSE_DELAY=-1";
  private static final String[] ITEMS = {
      "CREATE TABLE items(item INTEGER, kind VARCHAR(10), price DECIMAL(10,2), placed DATE)",
      "INSERT INTO items SELECT X - 1, 'k' || MOD(X - 1, 50), CAST(MOD(X, 40) AS DECIMAL(10,2)) / 2,"
          + " DATEADD(DAY, 3 * X, DATE '2020-01-01') FROM SYSTEM_RANGE(1, 5000)"};
  private static final String FACTS = "CREATE TABLE %s(id INTEGER, item INTEGER, amount DECIMAL(10,2), placed DATE)";

  static final SourceLog log = new SourceLog();
  private static Mesh mesh;
  private static Connection reference;

  @BeforeAll
  static void open() throws SQLException {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    try (Connection pg = Servers.postgres(); Connection maria = Servers.mariadb();
        Connection items = DriverManager.getConnection(ITEMS_H2, "sa", "")) {
      Servers.execute(pg, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
          FACTS.formatted(SCHEMA + ".facts"),
          "INSERT INTO " + SCHEMA + ".facts SELECT x, CASE WHEN x % 97 = 0 THEN NULL ELSE x % 2000 END,"
              + " (x % 300) / 4.0, DATE '2020-01-01' + (x % 1500) FROM generate_series(1, 20000) x",
          "ANALYZE " + SCHEMA + ".facts");
      Servers.execute(maria, "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA,
          FACTS.formatted(SCHEMA + ".facts"),
          "INSERT INTO " + SCHEMA + ".facts SELECT seq, IF(seq % 97 = 0, NULL, seq % 2000), (seq % 300) / 4,"
              + " DATE '2020-01-01' + INTERVAL (seq % 1500) DAY FROM seq_1_to_20000",
          "ANALYZE TABLE " + SCHEMA + ".facts");
      Servers.execute(items, "DROP TABLE IF EXISTS items");
      Servers.execute(items, ITEMS);
    }
    reference = DriverManager.getConnection("jdbc:h2:mem:" + SCHEMA + "_reference;DB_CLOSE_DELAY=-1", "sa", "");
    Servers.execute(reference, "DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS facts");
    Servers.execute(reference, ITEMS);
    Servers.execute(reference, FACTS.formatted("facts"),
        "INSERT INTO facts SELECT X, CASE WHEN MOD(X, 97) = 0 THEN NULL ELSE MOD(X, 2000) END,"
            + " CAST(MOD(X, 300) AS DECIMAL(10,2)) / 4, DATEADD(DAY, MOD(X, 1500), DATE '2020-01-01')"
            + " FROM SYSTEM_RANGE(1, 20000)");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("dependent_it").sourceListener(log)
        .domain("pg", d -> d.source("db", "jdbc", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
            "schema", SCHEMA)).product("facts", "SELECT * FROM db.facts"))
        .domain("maria", d -> d.source("db", "jdbc", Map.of("url", Servers.MARIADB_URL,
            "user", Servers.MARIADB_USER, "catalog", SCHEMA)).product("facts", "SELECT * FROM db.facts"))
        .domain("supply", d -> d.jdbcSource("db", ITEMS_H2, "sa", "").product("items", "SELECT * FROM db.items"))
        .build();
  }

  @AfterAll
  static void close() throws SQLException {
    if (mesh != null) {
      mesh.close();
    }
    if (reference != null) {
      reference.close();
    }
  }

  @BeforeEach
  void clear() {
    log.clear();
  }

  static Stream<String[]> queries() {
    List<String> queries = List.of(
        "SELECT f.id, i.kind FROM %s.facts f JOIN supply.items i ON f.item = i.item WHERE i.kind = 'k7'",
        "SELECT COUNT(*), SUM(f.amount) FROM %s.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 1100 AND i.item >= 0 AND i.kind LIKE 'k%%'",
        "SELECT f.id, i.item FROM %s.facts f JOIN supply.items i ON f.amount = i.price WHERE i.kind = 'k3'",
        "SELECT f.id, i.item FROM %s.facts f JOIN supply.items i ON f.placed = i.placed WHERE i.kind = 'k1'",
        "SELECT COUNT(*) FROM %s.facts WHERE item IN (SELECT item FROM supply.items WHERE kind = 'k9')");
    return Stream.of("pg", "maria").flatMap(domain -> queries.stream().map(q -> new String[] {domain, q}));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void theServerSendsOnlyTheRowsOfTheKeys(String domain, String query) throws SQLException {
    List<List<Object>> expected = sorted(Rows.query(reference, query.formatted("x").replace("x.", "")
        .replace("supply.", "")));
    try (Connection c = mesh.connect(Principal.of("ann", "analyst"))) {
      assertEquals(expected, sorted(Rows.query(c, query.formatted(domain))), query);
    }
    List<SourceLog.Executed> statements = log.of(domain, "db");
    assertTrue(statements.stream().allMatch(e -> e.sql().contains(" IN (?")), statements.toString());
    long sent = statements.stream().mapToLong(SourceLog.Executed::rows).sum();
    // At most 1,100 of 2,000 items, about ten rows each: the server never sends the whole table.
    assertTrue(sent <= 11_000, sent + " rows sent by " + statements);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted(Comparator.comparing(Object::toString)).toList();
  }
}
