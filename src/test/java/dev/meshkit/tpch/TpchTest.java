package dev.meshkit.tpch;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance: the mesh answers all 22 TPC-H queries at scale factor 0.01, over three domains and two
 * kinds of source, exactly as H2 answers them with every table in one database.
 */
class TpchTest {

  private static final double SCALE = 0.01;
  /** Generous: a query slower than this at SF 0.01 is a bug, and must not hang the suite. */
  private static final Duration QUERY_LIMIT = Duration.ofSeconds(120);

  private static Connection reference;
  private static Connection mesh;
  private static ExpectedAnswers expected;

  @BeforeAll
  static void open() throws Exception {
    TpchData data = TpchData.generate(TpchData.defaultDir(SCALE), SCALE);
    reference = data.openReference();
    expected = new ExpectedAnswers(data, reference);
    mesh = TpchMesh.connect(data.descriptor());
  }

  @AfterAll
  static void close() throws SQLException {
    for (Connection connection : new Connection[] {mesh, reference}) {
      if (connection != null) {
        connection.close();
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> meshAnswersLikeH2() {
    return TpchQueries.all().stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> {
      QueryResult want = expected.get(query);
      QueryResult got = assertTimeoutPreemptively(QUERY_LIMIT, () -> run(query.forMesh()),
          () -> query.name() + " took over " + QUERY_LIMIT.toSeconds() + " s through the mesh");
      ResultComparator.mismatch(want, got, query.orderBy()).ifPresent(diff ->
          fail(query.name() + ": the mesh's answer differs from H2's\n" + diff + "\n-- query:\n" + query.forMesh()));
    }));
  }

  private static QueryResult run(String sql) throws SQLException {
    try (Statement statement = mesh.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      return QueryResult.of(rs);
    }
  }
}
