package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Principal;
import dev.meshkit.planner.BarrierScenario;
import dev.meshkit.planner.BarrierScenario.Case;
import dev.meshkit.planner.BarrierScenario.Failure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A product's own SQL is a barrier on PostgreSQL, which orders the conditions of a WHERE clause by
 * cost: every {@link BarrierScenario} attack gives the answer the same products give over tables
 * without the removed rows. PostgreSQL fails on all its kinds of predicate, and its cast error
 * prints the value it could not cast.
 */
@Tag("integration")
class PostgresBarrierTest {

  static final String FULL = "meshkit_it_barrier_full";
  static final String PRUNED = "meshkit_it_barrier_pruned";

  static final SourceLog log = new SourceLog();
  static BarrierScenario scenario;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requirePostgres();
    try (Connection source = Servers.postgres()) {
      for (String schema : List.of(FULL, PRUNED)) {
        List<String> statements = new ArrayList<>(List.of("DROP SCHEMA IF EXISTS " + schema + " CASCADE",
            "CREATE SCHEMA " + schema, "SET search_path TO " + schema));
        statements.addAll(BarrierScenario.tables(schema.equals(FULL)));
        statements.add("ANALYZE");
        Servers.execute(source, statements.toArray(String[]::new));
      }
    }
    scenario = new BarrierScenario(
        mesh -> mesh.domain("s", d -> BarrierScenario.databaseProducts(d.source("db", "jdbc", settings(FULL)))),
        mesh -> mesh.domain("s", d -> BarrierScenario.databaseProducts(d.source("db", "jdbc", settings(PRUNED)))),
        log);
  }

  static Map<String, Object> settings(String schema) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", Servers.PG_URL);
    settings.put("user", Servers.PG_USER);
    settings.put("schema", schema);
    return settings;
  }

  @AfterAll
  static void tearDown() {
    if (scenario != null) {
      scenario.close();
    }
  }

  @BeforeEach
  void clearLog() {
    log.clear();
  }

  static Stream<Case> cases() {
    return BarrierScenario.cases(BarrierScenario.databaseProducts(), EnumSet.allOf(Failure.class));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void sameAnswerAsWithoutTheRemovedRows(Case c) throws SQLException {
    scenario.check(c);
  }

  @Test
  void aPredicateThatFailsOnAVisibleRowStillFails() throws SQLException {
    // The barrier keeps errors on visible rows: the consumer's own data, their own mistake.
    try (Connection c = scenario.mesh().connect(Principal.of("ann"))) {
      SQLException e = assertThrows(SQLException.class,
          () -> Rows.query(c, "SELECT id FROM s.eu WHERE 100 / (id - 2) > 0"));
      BarrierScenario.assertNoHiddenValue(e.getMessage());
    }
  }

  @Test
  void leakproofPredicatesGoDownBesideTheProductsConditionsAndFailingOnesStayOut() throws SQLException {
    try (Connection c = scenario.mesh().connect(Principal.of("ann"))) {
      assertEquals(List.of(List.of(2L)), Rows.query(c,
          "SELECT id FROM s.regulars WHERE id >= 2 AND name LIKE 'B%' AND 100 / (9 - id) > 0"));
    }
    String sql = log.single().sql();
    assertTrue(sql.contains("IS NULL") && sql.contains(">= 2") && sql.contains("LIKE 'B%'"), sql);
    assertFalse(sql.contains("/"), sql);
  }
}
