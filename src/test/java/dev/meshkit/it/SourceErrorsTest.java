package dev.meshkit.it;

import static dev.meshkit.ErrorCases.assertNoCause;
import static dev.meshkit.ErrorCases.assertSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.ErrorCases.Case;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.server.Authenticator;
import dev.meshkit.server.MeshServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL and MariaDB say when they fail (the statement, the values, the tables and columns
 * behind the products, a function's own message quoting its argument) never reaches the consumer,
 * embedded or remote: the consumer reads which source failed while reading which product, and an
 * SQLState whose class the server chose where it means something (data, retry, cancellation),
 * 58000 where it does not.
 */
@Tag("integration")
class SourceErrorsTest {

  static final String PG_SCHEMA = "meshkit_it_errors";
  static final String MARIA_DB = "meshkit_it_errors";
  static final String ROWS = "(1, 'SECRET-1234', 'SECRET-DATE', 0, 8675309), (2, 'SECRET-5678', 'SECRET-9999', 0, 8675309)";
  static final String COLUMNS = "id, hidden_name AS name, hidden_born AS born, hidden_zero AS zero, hidden_big AS big";

  static Mesh pg;
  static Mesh maria;

  @AfterAll
  static void tearDown() {
    for (Mesh mesh : new Mesh[] {pg, maria}) {
      if (mesh != null) {
        mesh.close();
      }
    }
  }

  @Test
  void postgresFailuresNameTheSourceAndProductOnly() throws Exception {
    Servers.requirePostgres();
    try (Connection admin = Servers.postgres()) {
      Servers.execute(admin,
          "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE",
          "CREATE SCHEMA " + PG_SCHEMA,
          "SET search_path TO " + PG_SCHEMA,
          "CREATE TABLE hidden_people(id integer, hidden_name text, hidden_born text, hidden_zero integer,"
              + " hidden_big bigint)",
          "INSERT INTO hidden_people VALUES " + ROWS,
          // A function that fails with its argument in the message, under the SQLState it is given.
          "CREATE FUNCTION hidden_boom(t text, code text) RETURNS integer AS $$ BEGIN"
              + " RAISE EXCEPTION 'hidden_boom failed on %', t USING ERRCODE = code; END $$ LANGUAGE plpgsql");
      for (String[] view : VIEWS) {
        Servers.execute(admin, "CREATE VIEW hidden_" + view[0] + " AS SELECT id, hidden_boom(hidden_name, '"
            + view[1] + "') AS x FROM hidden_people");
      }
    }
    Map<String, Object> source = new LinkedHashMap<>(Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
        "schema", PG_SCHEMA));
    pg = mesh(source);
    List<Case> cases = new ArrayList<>(List.of(
        failing("SELECT CAST(big * big * big AS BIGINT) FROM it.people", "22003", "people"),
        failing("SELECT id FROM it.people WHERE big * big * big > 0", "22003", "people"),
        // Casts of text and divisions run in meshkit whatever the source (docs/sql.md).
        here("SELECT CAST(name AS INTEGER) FROM it.people", "22018"),
        here("SELECT CAST(born AS DATE) FROM it.people", "22"),
        here("SELECT id / zero FROM it.people", "22012"),
        here("SELECT id FROM it.people WHERE CAST(name AS INTEGER) > 0", "22018")));
    for (String[] view : VIEWS) {
      cases.add(failing("SELECT x FROM it." + view[0], view[2], view[0]));
    }
    assertFailures(pg, cases);
  }

  @Test
  void mariaDbFailuresNameTheSourceAndProductOnly() throws Exception {
    Servers.requireMariaDb();
    try (Connection admin = Servers.mariadb()) {
      Servers.execute(admin,
          "DROP DATABASE IF EXISTS " + MARIA_DB,
          "CREATE DATABASE " + MARIA_DB,
          "USE " + MARIA_DB,
          "CREATE TABLE hidden_people(id int, hidden_name varchar(40), hidden_born varchar(40), hidden_zero int,"
              + " hidden_big bigint)",
          "INSERT INTO hidden_people VALUES " + ROWS);
      // SIGNAL takes its SQLState as a literal: one function per state, each quoting its argument.
      for (String[] view : VIEWS) {
        String state = view[1].startsWith("P") ? "45000" : view[1];
        Servers.execute(admin,
            "CREATE FUNCTION hidden_" + view[0] + "_boom(t varchar(40)) RETURNS int DETERMINISTIC BEGIN"
                + " DECLARE msg varchar(128) DEFAULT CONCAT('hidden_boom failed on ', t);"
                + " SIGNAL SQLSTATE '" + state + "' SET MESSAGE_TEXT = msg; RETURN 0; END",
            "CREATE VIEW hidden_" + view[0] + " AS SELECT id, hidden_" + view[0] + "_boom(hidden_name) AS x"
                + " FROM hidden_people");
      }
    }
    Map<String, Object> source = new LinkedHashMap<>(Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER,
        "catalog", MARIA_DB));
    maria = mesh(source);
    List<Case> cases = new ArrayList<>();
    // MariaDB would answer bad casts and divisions by zero with NULL and a warning, so meshkit computes
    // them; an overflow fails in MariaDB, quoting the column.
    cases.add(failing("SELECT big * big * big FROM it.people", "22003", "people"));
    cases.add(here("SELECT id / zero FROM it.people", "22012"));
    cases.add(here("SELECT CAST(name AS INTEGER) FROM it.people", "22018"));
    for (String[] view : VIEWS) {
      cases.add(failing("SELECT x FROM it." + view[0], view[2], view[0]));
    }
    assertFailures(maria, cases);
  }

  /** View name, the SQLState its function raises, and the class the consumer reads. */
  static final List<String[]> VIEWS = List.of(
      new String[] {"retry", "40001", "40001"},
      new String[] {"data", "22023", "22023"},
      new String[] {"cancelled", "57014", "57014"},
      new String[] {"custom", "P0001", "58000"});

  private static Mesh mesh(Map<String, Object> source) {
    return Mesh.builder().grant("everyone-reads-everything", "*").name("errors_it")
        .domain("it", d -> {
          d.source("db", "jdbc", source).product("people", "SELECT " + COLUMNS + " FROM db.hidden_people");
          for (String[] view : VIEWS) {
            d.product(view[0], "SELECT * FROM db.hidden_" + view[0]);
          }
        })
        .build();
  }

  private static Case failing(String sql, String state, String product) {
    return new Case(sql, state, List.of("source 'db' of domain 'it' failed while reading data product it." + product));
  }

  /** A statement meshkit evaluates itself, so its sentence names the product but no source. */
  private static Case here(String sql, String state) {
    return new Case(sql, state, List.of("statement failed while reading data product it.people"));
  }

  /** Each case embedded, then through the stock Avatica client, with the same sentence. */
  private static void assertFailures(Mesh mesh, List<Case> cases) throws SQLException {
    Authenticator anyone = Authenticator.basic((user, password) -> Optional.of(Principal.of(user)));
    try (MeshServer server = MeshServer.builder(mesh).port(0).authenticator(anyone).start();
        Connection embedded = mesh.connect(Principal.of("ann"));
        Connection remote = DriverManager.getConnection(server.url(), basic())) {
      for (Case c : cases) {
        SQLException e = assertThrows(SQLException.class, () -> readAll(embedded, c.sql()), c.sql());
        assertSafe(e, c);
        assertNoCause(e);
        SQLException r = assertThrows(SQLException.class, () -> readAll(remote, c.sql()), c.sql());
        assertEquals(e.getSQLState(), r.getSQLState(), c.sql());
        assertTrue(r.getMessage().endsWith(e.getMessage()), r.getMessage());
        assertEquals(List.of(), ((AvaticaSqlException) r).getStackTraces());
        assertSafe(new SQLException(r.getMessage().replace(c.sql(), "<statement>"), r.getSQLState(), r.getCause()), c);
      }
      assertEquals(List.of(), readAll(embedded, "SELECT id FROM it.people WHERE id > 2"), "the connection still works");
    }
  }

  private static Properties basic() {
    Properties props = new Properties();
    props.setProperty("authentication", "BASIC");
    props.setProperty("avatica_user", "ann");
    props.setProperty("avatica_password", "any");
    return props;
  }

  private static List<String> readAll(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
