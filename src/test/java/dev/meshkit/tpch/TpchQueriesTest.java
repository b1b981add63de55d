package dev.meshkit.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Both renderings of every query parse and bind on H2, over empty tables so it is instant: bare
 * names against tables in the default schema, mesh names against tables that exist only in schemas
 * named after the domains, which catches any table left unqualified or a column alias qualified.
 */
class TpchQueriesTest {

  private static Connection bare;
  private static Connection qualified;

  @BeforeAll
  static void createEmptyTables() throws SQLException {
    bare = DriverManager.getConnection("jdbc:h2:mem:tpch-bare;QUERY_CACHE_SIZE=0");
    qualified = DriverManager.getConnection("jdbc:h2:mem:tpch-qualified;QUERY_CACHE_SIZE=0");
    try (Statement b = bare.createStatement(); Statement q = qualified.createStatement()) {
      for (TpchSchema table : TpchSchema.values()) {
        b.execute(table.createTable());
        q.execute("CREATE SCHEMA IF NOT EXISTS " + table.domain());
        q.execute("SET SCHEMA " + table.domain());
        q.execute(table.createTable());
      }
      q.execute("SET SCHEMA PUBLIC");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    bare.close();
    qualified.close();
  }

  @TestFactory
  Stream<DynamicTest> everyQueryRunsInBothRenderings() {
    return TpchQueries.all().stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> {
      QueryResult reference = run(bare, query.forReference());
      QueryResult mesh = run(qualified, query.forMesh());
      // Also proves that every ORDER BY key names a result column.
      assertEquals(Optional.empty(), ResultComparator.mismatch(reference, mesh, query.orderBy()));
    }));
  }

  @Test
  void meshRenderingQualifiesTablesButNotColumnAliases() {
    String q9 = TpchQueries.get(9).forMesh();
    assertTrue(q9.contains("\treference.nation\n"), q9);
    assertTrue(q9.contains("\tsupply.partsupp,\n"), q9);
    assertTrue(q9.contains("n_name as nation,"), q9);
    assertTrue(q9.contains("group by\n\tnation,"), q9);
    assertTrue(TpchQueries.get(13).forMesh().contains("from\n\t\t\tsales.customer left outer join sales.orders on"));
  }

  @Test
  void orderByKeysAreTheOuterOnes() {
    assertEquals(List.of("l_returnflag", "l_linestatus"), TpchQueries.get(1).orderBy());
    assertEquals(List.of("s_acctbal", "n_name", "s_name", "p_partkey"), TpchQueries.get(2).orderBy());
    assertEquals(List.of(), TpchQueries.get(6).orderBy());
  }

  private static QueryResult run(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      return QueryResult.of(rs);
    }
  }
}
