package dev.meshkit;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The base of a test class that runs statements on a {@link SqlMesh}: the mesh opens before the
 * class, named after it, and closes after it. The fields are the running class's; JUnit runs one
 * class at a time here.
 */
public abstract class SqlMeshTestBase {

  @TempDir
  protected static Path dir;
  protected static SqlMesh sql;
  /** A connection of a principal who reads every product, open while the class runs. */
  protected static Connection c;

  @BeforeAll
  static void openSqlMesh(TestInfo test) throws SQLException {
    sql = SqlMesh.open(dir, test.getTestClass().orElseThrow().getSimpleName());
    c = sql.connect();
  }

  @AfterAll
  static void closeSqlMesh() {
    sql.close();
  }

  /** Every domain, for {@code @MethodSource("domains")}. */
  protected static List<String> domains() {
    return SqlMesh.DOMAINS;
  }

  /** Each of the queries in each domain: the arguments {@code (domain, query)} of a parameterized test. */
  protected static Stream<Arguments> inEveryDomain(List<String> queries) {
    return SqlMesh.DOMAINS.stream().flatMap(d -> queries.stream().map(q -> Arguments.of(d, q)));
  }

  /** The mesh answers {@code query} as the reference database answers {@code referenceQuery}. */
  protected static void assertAnswersAsReference(String referenceQuery, String query) throws SQLException {
    assertEquals(rows(sql.reference(), referenceQuery), rows(c, query), query);
  }

  /** The same, each prepared and run with the parameters bound in order. */
  protected static void assertPreparedAnswersAsReference(String referenceQuery, String query, int... parameters)
      throws SQLException {
    assertEquals(prepared(sql.reference(), referenceQuery, parameters), prepared(c, query, parameters), query);
  }

  private static List<String> prepared(Connection connection, String query, int... parameters) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setInt(i + 1, parameters[i]);
      }
      return rows(s.executeQuery());
    }
  }
}
