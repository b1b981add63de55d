package dev.meshkit.tpch;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance at ten times {@link TpchTest}'s data: the mesh answers all 22 TPC-H queries at scale
 * factor 0.1 as H2 answers them with every table in one database, in both {@link TpchLayout layouts}.
 * The four-source layout needs PostgreSQL and MariaDB: without them it is skipped, unless
 * {@code meshkit.it.required=true} (as in CI), which makes it fail.
 */
@Tag("integration")
@Tag("slow")
class TpchScaleTest {

  private static final double SCALE = 0.1;
  /** The benchmark's target is 2 s a query; this only keeps a runaway plan from hanging the suite. */
  private static final Duration QUERY_LIMIT = Duration.ofSeconds(120);

  private static TpchData data;
  private static Connection reference;
  private static ExpectedAnswers expected;

  @BeforeAll
  static void open() throws Exception {
    data = TpchData.generate(TpchData.defaultDir(SCALE), SCALE);
    reference = data.openReference();
    expected = new ExpectedAnswers(data, reference);
  }

  @AfterAll
  static void close() throws SQLException {
    if (reference != null) {
      reference.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> threeSourcesAnswerLikeH2() throws SQLException {
    return answersLikeH2(TpchLayout.THREE);
  }

  @TestFactory
  Stream<DynamicTest> fourSourcesAnswerLikeH2() throws Exception {
    requireServers();
    TpchServers.prepare(data);
    return answersLikeH2(TpchLayout.FOUR);
  }

  private static Stream<DynamicTest> answersLikeH2(TpchLayout layout) throws SQLException {
    Connection mesh = TpchMesh.connect(data.descriptor(layout));
    return TpchQueries.all().stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> {
      QueryResult want = expected.get(query);
      QueryResult got = assertTimeoutPreemptively(QUERY_LIMIT, () -> run(mesh, query.forMesh()),
          () -> query.name() + " took over " + QUERY_LIMIT.toSeconds() + " s through the mesh");
      ResultComparator.mismatch(want, got, query.orderBy()).ifPresent(diff -> fail(query.name() + " over "
          + layout.label() + " sources: the mesh's answer differs from H2's\n" + diff));
    })).onClose(() -> {
      try {
        mesh.close();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static QueryResult run(Connection mesh, String sql) throws SQLException {
    try (Statement statement = mesh.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      return QueryResult.of(rs);
    }
  }

  /** Skips the caller when a server is down, or fails it when the suite requires the servers. */
  private static void requireServers() {
    String[][] servers = {
        {"PostgreSQL", TpchServers.PG_URL, TpchServers.PG_USER},
        {"MariaDB", TpchServers.MARIADB_URL, TpchServers.MARIADB_USER}};
    for (String[] server : servers) {
      try (Connection connection = DriverManager.getConnection(server[1], server[2], "")) {
        connection.isValid(2);
      } catch (SQLException e) {
        String message = server[0] + " not reachable at " + server[1] + " (" + e.getMessage() + ")";
        if (Boolean.getBoolean("meshkit.it.required")) {
          fail(message + "; the integration suite requires it (meshkit.it.required=true)");
        }
        Assumptions.abort(message + ", four-source TPC-H skipped");
      }
    }
  }
}
