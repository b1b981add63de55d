package dev.meshkit.jdbc;

import static dev.meshkit.ErrorCases.assertNoCause;
import static dev.meshkit.ErrorCases.assertNoLeak;
import static dev.meshkit.ErrorCases.assertSafe;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.ErrorCases;
import dev.meshkit.ErrorCases.Case;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure a consumer meets is a sentence with an SQLState that names the product (and the
 * source that failed), and says nothing of the values, the source's SQL or meshkit's internals:
 * on execute, next(), getters, prepared statements, metadata and planning.
 */
class ErrorSentencesTest {

  @TempDir
  static Path dir;
  static ErrorCases fixture;

  @BeforeAll
  static void load() throws SQLException {
    fixture = new ErrorCases(dir);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  static List<Case> cases() {
    return ErrorCases.cases();
  }

  static List<Case> filteredCases() {
    return ErrorCases.filteredCases();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aStatementFailingOnItsValuesSaysWhatAndWhereButNotTheValue(Case c) throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"))) {
      SQLException e = assertThrows(SQLException.class, () -> rows(ann, c.sql()));
      assertSafe(e, c);
      assertNoCause(e);
      assertInstanceOf(SQLDataException.class, e, "class 22 is a data exception");
      assertEquals(e.getMessage(), lastEvent(c.sql()).error(), "the audit records the same sentence");
      assertEquals(AuditEvent.Decision.FAILED, lastEvent(c.sql()).decision());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aPreparedStatementFailsAlike(Case c) throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"));
        PreparedStatement ps = ann.prepareStatement(c.sql())) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = ps.executeQuery()) {
          rows(rs);
        }
      });
      assertSafe(e, c);
      assertNoCause(e);
    }
  }

  @ParameterizedTest
  @MethodSource("filteredCases")
  void whatTheJvmEvaluatesAboveARowFilterFailsAlike(Case c) throws SQLException {
    try (Connection bert = fixture.mesh.connect(fixture.mesh.principal("bert").orElseThrow())) {
      SQLException e = assertThrows(SQLException.class, () -> rows(bert, c.sql()));
      assertSafe(e, c);
      assertNoCause(e);
    }
  }

  @Test
  void aParameterThatDoesNotFitIsNotQuotedBack() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"));
        PreparedStatement byDate = ann.prepareStatement("SELECT id FROM files.people WHERE CAST(born AS DATE) = ?");
        PreparedStatement byId = ann.prepareStatement("SELECT id FROM sales.customer WHERE id = ?")) {
      byDate.setString(1, "8675309");
      assertSafe(assertThrows(SQLException.class, () -> rows(byDate.executeQuery())),
          new Case("by date", "22", List.of("files.people")));
      byId.setString(1, "SECRET-1234");
      assertSafe(assertThrows(SQLException.class, () -> rows(byId.executeQuery())),
          new Case("by id", "22", List.of()));
      PreparedStatement unbound = ann.prepareStatement("SELECT id FROM files.people WHERE id = ?");
      SQLException e = assertThrows(SQLException.class, unbound::executeQuery);
      assertEquals("a parameter of the prepared statement is not set (SQLState 07001)", e.getMessage());
    }
  }

  @Test
  void gettersThatCannotConvertAValueNameNeitherTheValueNorAJavaClass() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst")); Statement s = ann.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, born FROM sales.customer ORDER BY id")) {
      assertTrue(rs.next());
      List<Executable> getters = List.of(() -> rs.getInt(1), () -> rs.getLong("name"), () -> rs.getBigDecimal(1),
          () -> rs.getDouble(1), () -> rs.getBoolean(1), () -> rs.getDate(2), () -> rs.getTimestamp(2),
          () -> rs.getObject(2, LocalDate.class), () -> rs.getBytes(1));
      for (Executable getter : getters) {
        SQLException e = assertThrows(SQLException.class, getter);
        assertSafe(e, new Case("a getter", "22018", List.of("cannot be read as")));
        assertNoCause(e);
      }
      assertEquals("SECRET-1234", rs.getString(1), "the result set still reads after failed getters");
      SQLException noRow = assertThrows(SQLException.class, () -> {
        rs.close();
        rs.getString(1);
      });
      assertNoLeak(noRow.getMessage());
    }
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst")); Statement s = ann.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sales.customer")) {
      SQLException beforeFirst = assertThrows(SQLException.class, () -> rs.getString(1));
      assertEquals("the result set is not on a row; call next() first (SQLState 24000)", beforeFirst.getMessage());
    }
  }

  @Test
  void metadataResultSetsTranslateTheirFailuresToo() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"))) {
      DatabaseMetaData md = ann.getMetaData();
      try (ResultSet rs = md.getColumns(null, "sales", "customer", "name")) {
        assertTrue(rs.next());
        SQLException e = assertThrows(SQLException.class, () -> rs.getInt("COLUMN_NAME"));
        assertSafe(e, new Case("metadata getter", "22018", List.of("cannot be read as")));
      }
    }
  }

  @Test
  void aSourceTableThatWentAwayIsNotNamedNorIsItsStatement() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"))) {
      assertEquals(List.of(), rows(ann, "SELECT id, col FROM sales.gone"));
      try (Connection h2 = DriverManager.getConnection(fixture.url, "sa", ""); Statement s = h2.createStatement()) {
        s.execute("ALTER TABLE hidden_gone RENAME TO hidden_moved");
      }
      try {
        SQLException e = assertThrows(SQLException.class, () -> rows(ann, "SELECT id, col FROM sales.gone"));
        assertSafe(e, new Case("gone", "58000", List.of("source 'erp' of domain 'sales'", "data product sales.gone")));
        assertEquals("source 'erp' of domain 'sales' failed while reading data product sales.gone:"
            + " the source reported an error (SQLState 58000)", e.getMessage());
      } finally {
        try (Connection h2 = DriverManager.getConnection(fixture.url, "sa", ""); Statement s = h2.createStatement()) {
          s.execute("ALTER TABLE hidden_moved RENAME TO hidden_gone");
        }
      }
    }
  }

  @Test
  void aStatementTooDeepToPlanIsOneSentence() throws SQLException {
    StringBuilder deep = new StringBuilder("id");
    for (int i = 0; i < 3000; i++) {
      deep.insert(0, "(").append(" + 1)");
    }
    StringBuilder wide = new StringBuilder("id");
    for (int i = 0; i < 3000; i++) {
      wide.append(" + CASE WHEN name = 'SECRET-5678' THEN ").append(i).append(" ELSE 0 END");
    }
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"))) {
      for (String sql : List.of("SELECT " + deep + " FROM sales.customer", "SELECT " + wide + " FROM files.people")) {
        SQLException e = assertThrows(SQLException.class, () -> rows(ann, sql));
        assertEquals("54001", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("the statement is nested too deeply"), e.getMessage());
        assertSafe(e, new Case("deep", "54001", List.of()));
        assertNoCause(e);
        SQLException prepared = assertThrows(SQLException.class, () -> ann.prepareStatement(sql));
        assertEquals(e.getMessage(), prepared.getMessage());
      }
      assertEquals(List.of("1", "2"), rows(ann, "SELECT id FROM sales.customer ORDER BY id"), "the connection still works");
    }
  }

  /**
   * What the planner cannot do comes back as one sentence, never its dump (which lists the source
   * tables behind the products), naming the operator meshkit lacks where the planner says: a missing
   * rule (CannotPlanException), an operator it cannot implement (IllegalStateException with the
   * plan), an assertion in Calcite's code generation.
   */
  @Test
  void whatThePlannerCannotDoIsOneSentence() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"))) {
      Map<String, String> sentences = Map.of(
          "SELECT * FROM sales.customer TABLESAMPLE SYSTEM(50)",
          "meshkit cannot plan this statement: TABLESAMPLE is not supported (SQLState 0A000)",
          "SELECT * FROM sales.customer MATCH_RECOGNIZE (ORDER BY id MEASURES A.id AS x PATTERN (A B)"
              + " DEFINE A AS A.id > 0, B AS B.id > A.id)",
          "meshkit cannot plan this statement: MATCH_RECOGNIZE is not supported (SQLState 0A000)",
          "SELECT CAST(name AS INTEGER ARRAY) FROM files.people",
          "meshkit cannot plan this statement (SQLState 0A000)");
      for (String sql : sentences.keySet()) {
        SQLException e = assertThrows(SQLException.class, () -> rows(ann, sql));
        assertEquals(sentences.get(sql), e.getMessage(), sql);
        assertEquals("0A000", e.getSQLState());
        assertNoCause(e);
        SQLException prepared = assertThrows(SQLException.class, () -> ann.prepareStatement(sql));
        assertEquals(e.getMessage(), prepared.getMessage());
        assertEquals(e.getMessage(), lastEvent(sql).error());
      }
    }
  }

  @Test
  void resultSetMetadataAnswersWithSentencesToo() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"));
        PreparedStatement ps = ann.prepareStatement("SELECT id, name FROM sales.customer");
        ResultSet rs = ps.executeQuery()) {
      for (ResultSetMetaData md : List.of(rs.getMetaData(), ps.getMetaData())) {
        assertEquals("name", md.getColumnName(2));
        assertEquals("customer", md.getTableName(2));
        SQLException e = assertThrows(SQLException.class, () -> md.getColumnName(99));
        assertEquals("no column at that index (SQLState 07009)", e.getMessage());
        assertThrows(SQLException.class, () -> md.unwrap(AvaticaResultSetMetaData.class), "the engine's metadata");
      }
    }
  }

  @Test
  void aCancelledStatementSaysSo() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst")); Statement s = ann.createStatement();
        ResultSet rs = s.executeQuery("SELECT a.id FROM files.people a, files.people b, files.people c, files.people d")) {
      assertTrue(rs.next());
      s.cancel();
      SQLException e = assertThrows(SQLException.class, rs::next);
      assertEquals("the statement was cancelled (Statement.cancel) (SQLState 57014)", e.getMessage());
    }
  }

  @Test
  void theConsumersOwnMistakesStillPointIntoTheStatement() throws SQLException {
    try (Connection ann = fixture.mesh.connect(Principal.of("ann", "analyst"))) {
      SQLException unknown = assertThrows(SQLException.class, () -> rows(ann, "SELECT nosuch FROM sales.customer"));
      assertEquals("42000", unknown.getSQLState());
      assertTrue(unknown.getMessage().contains("Column 'nosuch' not found"), unknown.getMessage());
      SQLException parse = assertThrows(SQLException.class, () -> rows(ann, "SELEC id FROM sales.customer"));
      assertEquals("42000", parse.getSQLState());
      assertTrue(parse.getMessage().startsWith("SQL does not parse"), parse.getMessage());
      for (SQLException e : List.of(unknown, parse)) {
        assertNoLeak(e.getMessage());
        assertNoCause(e);
      }
    }
  }

  private static AuditEvent lastEvent(String sql) {
    return fixture.mesh.auditEvents().stream().filter(e -> sql.equals(e.sql())).reduce((a, b) -> b).orElseThrow();
  }
}
