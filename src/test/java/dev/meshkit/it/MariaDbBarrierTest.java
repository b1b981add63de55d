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
import java.util.Locale;
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
 * A product's own SQL is a barrier on MariaDB, which evaluates the conditions of a WHERE clause
 * mostly in the order it joins the tables: every {@link BarrierScenario} attack gives the answer
 * the same products give over tables without the removed rows. MariaDB answers NULL to a division
 * by zero, a bad cast or a logarithm of zero, but fails on EXP and BIGINT overflow.
 */
@Tag("integration")
class MariaDbBarrierTest {

  static final String FULL = "meshkit_it_barrier_full";
  static final String PRUNED = "meshkit_it_barrier_pruned";

  static final SourceLog log = new SourceLog();
  static BarrierScenario scenario;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requireMariaDb();
    try (Connection source = Servers.mariadb()) {
      for (String database : List.of(FULL, PRUNED)) {
        List<String> statements = new ArrayList<>(List.of("DROP DATABASE IF EXISTS " + database,
            "CREATE DATABASE " + database, "USE " + database));
        statements.addAll(BarrierScenario.tables(database.equals(FULL)));
        statements.add("ANALYZE TABLE customer, vip, orders, regions");
        Servers.execute(source, statements.toArray(String[]::new));
      }
    }
    scenario = new BarrierScenario(
        mesh -> mesh.domain("s", d -> BarrierScenario.databaseProducts(d.source("db", "jdbc", settings(FULL)))),
        mesh -> mesh.domain("s", d -> BarrierScenario.databaseProducts(d.source("db", "jdbc", settings(PRUNED)))),
        log);
  }

  static Map<String, Object> settings(String database) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", Servers.MARIADB_URL);
    settings.put("user", Servers.MARIADB_USER);
    settings.put("catalog", database);
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
    return BarrierScenario.cases(BarrierScenario.databaseProducts(), EnumSet.of(Failure.EXP, Failure.BIGINT));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void sameAnswerAsWithoutTheRemovedRows(Case c) throws SQLException {
    scenario.check(c);
  }

  @Test
  void aPredicateThatFailsOnAVisibleRowStillFails() throws SQLException {
    // It runs in the JVM, where a division by zero fails, unlike in MariaDB.
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
          "SELECT id FROM s.regulars WHERE id >= 2 AND name LIKE 'B%' AND EXP(id * 100) > 0"));
    }
    String sql = log.single().sql();
    assertTrue(sql.contains("IS NULL") && sql.contains(">= 2") && sql.contains("LIKE CONVERT('B%'"), sql);
    assertFalse(sql.toUpperCase(Locale.ROOT).contains("EXP"), sql);
  }
}
