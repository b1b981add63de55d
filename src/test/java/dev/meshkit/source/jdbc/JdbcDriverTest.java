package dev.meshkit.source.jdbc;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.line;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose URL no JDBC driver on the class path accepts is a load problem naming the file,
 * line, domain and source, found when the source opens and without contacting any database; it is
 * never a source left "unavailable" to be retried.
 */
class JdbcDriverTest {

  private static final String HINT = "add the driver's jar to the application's class path,"
      + " or to MESHKIT_CLASSPATH for the meshkit launcher";

  @TempDir
  Path dir;

  private String mesh(String source) throws SQLException {
    String url = h2("jdbc_driver_test", "CREATE TABLE IF NOT EXISTS t(id INT)");
    return """
        name: drivers
        domains:
          - name: sales
            owner: sales@acme.example
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
              - %s
            products:
              - {name: t, description: Works, sql: SELECT * FROM erp.t}
        """.formatted(url, source);
  }

  private MeshException loadFails(String yaml) {
    return assertThrows(MeshException.class, () -> Mesh.fromYaml(write(dir.resolve("mesh.yaml"), yaml)).close());
  }

  private String at(String yaml, String snippet) {
    return dir.resolve("mesh.yaml") + ":" + line(yaml, snippet);
  }

  /** The drivers on the test class path, as the message lists them. */
  private static String drivers() {
    return DriverManager.drivers().map(d -> d.getClass().getName()).distinct().sorted()
        .reduce((a, b) -> a + ", " + b).orElseThrow();
  }

  @Test
  void aMistypedSchemeIsALoadProblemThatShowsTheSchemeOnly() throws SQLException {
    String yaml = mesh("{name: crm, type: jdbc, url: \"jdbc:postgres://db.acme.example/crm?password=s3cret\"}");
    MeshException e = loadFails(yaml);
    assertEquals(List.of(at(yaml, "name: crm") + ": source 'crm' of domain 'sales': no JDBC driver on the class path"
        + " accepts URLs that start with 'jdbc:postgres:' (drivers on the class path: " + drivers()
        + "; if the URL is right, " + HINT + ")"), e.problems());
    // The list shows the driver that the right scheme, jdbc:postgresql:, would have found.
    assertTrue(e.getMessage().contains("org.postgresql.Driver"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("db.acme.example"), e.getMessage());
    assertNoStackTrace(e.getMessage());
  }

  @Test
  void aKnownSchemeWhoseDriverIsMissingFailsWithoutWaitingOnTheDatabase() throws SQLException {
    // No Oracle driver is on the test class path; the address would hang if anything dialled it.
    String yaml = mesh("{name: ledger, type: jdbc, url: \"jdbc:oracle:thin:@10.255.255.1:1521/ORCL\","
        + " pool: {connectionTimeout: 30000}}");
    long start = System.nanoTime();
    MeshException e = loadFails(yaml);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 10_000, "took " + millis + " ms");
    assertEquals(List.of(at(yaml, "name: ledger") + ": source 'ledger' of domain 'sales': no JDBC driver on the class"
        + " path accepts URLs that start with 'jdbc:oracle:' (drivers on the class path: " + drivers()
        + "; if the URL is right, " + HINT + ")"), e.problems());
  }

  @Test
  void aNamedDriverClassMustBeThereBeADriverAndAcceptTheUrl() throws SQLException {
    String yaml = mesh("{name: a, type: jdbc, url: \"jdbc:oracle:thin:@db:1521/X\", driver: oracle.jdbc.OracleDriver}\n"
        + "      - {name: b, type: jdbc, url: \"jdbc:postgresql://db/x\", driver: org.h2.Driver}\n"
        + "      - {name: c, type: jdbc, url: \"jdbc:h2:mem:x\", driver: java.lang.String}");
    MeshException e = loadFails(yaml);
    assertEquals(List.of(
        at(yaml, "name: a,") + ": source 'a' of domain 'sales': driver class 'oracle.jdbc.OracleDriver' is not on the"
            + " class path (" + HINT + ")",
        at(yaml, "name: b,") + ": source 'b' of domain 'sales': driver class 'org.h2.Driver' does not accept URLs"
            + " that start with 'jdbc:postgresql:' (check setting 'url', or leave out setting 'driver' to let the URL"
            + " choose)",
        at(yaml, "name: c,") + ": source 'c' of domain 'sales': class 'java.lang.String' of setting 'driver' is not a"
            + " JDBC driver (it does not implement java.sql.Driver)"), e.problems());
  }

  @Test
  void aNamedDriverThatAcceptsTheUrlLoads() throws SQLException {
    String yaml = mesh("{name: b, type: jdbc, url: \"jdbc:h2:mem:jdbc_driver_named\", driver: org.h2.Driver}");
    try (Mesh mesh = Mesh.fromYaml(write(dir.resolve("mesh.yaml"), yaml))) {
      assertEquals(List.of(), List.copyOf(mesh.unavailableProducts().keySet()));
    }
  }

  @Test
  void throughTheJdbcDriverItIsAConnectionErrorWithTheSameSentence() throws SQLException {
    String yaml = mesh("{name: ledger, type: jdbc, url: \"jdbc:oracle:thin:@db:1521/X\"}");
    Path file = write(dir.resolve("mesh.yaml"), yaml);
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:meshkit:" + file, "ann", null).close());
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().startsWith(at(yaml, "name: ledger") + ": source 'ledger' of domain 'sales': no JDBC"
        + " driver on the class path accepts URLs that start with 'jdbc:oracle:'"), e.getMessage());
  }
}
