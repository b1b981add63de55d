package dev.meshkit.testing;

import static dev.meshkit.testing.MeshTestInjectionTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.meshkit.Mesh;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs {@code @MeshTest} classes through the JUnit engine and checks their outcomes: isolation
 * between tests and classes, closing of connections, and the messages of configuration mistakes.
 * The nested scenario classes are not run by Maven on their own (Surefire skips nested classes).
 */
class MeshExtensionTest {

  /** A direct connection to the shop's in-memory database, beside the mesh, as a test might open. */
  static Connection direct() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:mem:meshkit_testing_shop", "sa", "");
  }

  static void execute(String sql) throws SQLException {
    try (Connection c = direct(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static EngineExecutionResults run(Class<?>... classes) {
    var request = EngineTestKit.engine("junit-jupiter");
    for (Class<?> type : classes) {
      request.selectors(selectClass(type));
    }
    return request.execute();
  }

  private static void assertAllPass(EngineExecutionResults results, long tests) {
    List<String> failures = results.testEvents().failed().stream()
        .map(e -> e.getTestDescriptor().getDisplayName() + ": " + throwable(e).map(Throwable::getMessage).orElse(""))
        .toList();
    assertEquals(List.of(), failures);
    List<String> containerFailures = results.containerEvents().failed().stream()
        .map(e -> throwable(e).map(Throwable::getMessage).orElse("")).toList();
    assertEquals(List.of(), containerFailures);
    assertEquals(tests, results.testEvents().succeeded().count());
  }

  private static Optional<Throwable> throwable(Event event) {
    return event.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable());
  }

  /** The one message of a run that fails, whether a test or the class setup failed. */
  private static String onlyFailure(EngineExecutionResults results) {
    List<String> messages = new ArrayList<>();
    results.allEvents().failed().stream().forEach(e -> throwable(e).ifPresent(t -> messages.add(t.getMessage())));
    assertEquals(1, messages.size(), messages.toString());
    return messages.get(0);
  }

  // --- isolation ------------------------------------------------------------------------------

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerTestScenario {
    static Connection firstTestsConnection;
    static Connection leakedByTheCodeUnderTest;

    @MeshConnection(user = "ann")
    Connection ann;

    @MeshConnection(user = "ann")
    javax.sql.DataSource annSource;

    @Test
    @Order(1)
    void changesTheSourceDirectlyAndTheMeshSeesIt() throws SQLException {
      firstTestsConnection = ann;
      leakedByTheCodeUnderTest = annSource.getConnection();
      execute("DELETE FROM orders WHERE id > 10");
      execute("INSERT INTO customers(id, name, region) VALUES (5, 'Eve', 'EU')");
      execute("CREATE TABLE scratch(id INT)");
      assertEquals(List.of("1"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
      assertEquals(List.of("5"), rows(ann, "SELECT COUNT(*) FROM sales.customers"));
    }

    @Test
    @Order(2)
    void seesFreshlySeededDataAndTheLastTestsConnectionIsClosed() throws SQLException {
      assertTrue(firstTestsConnection.isClosed(), "connections are closed after each test");
      assertTrue(leakedByTheCodeUnderTest.isClosed(), "so are those a data source gave and nobody closed");
      assertNotSame(firstTestsConnection, ann);
      assertEquals(List.of("4"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
      assertEquals(List.of("4"), rows(ann, "SELECT COUNT(*) FROM sales.customers"));
      try (Connection c = direct(); var rs = c.getMetaData().getTables(null, null, "SCRATCH", null)) {
        assertFalse(rs.next(), "objects a test created are dropped too");
      }
    }

    @Test
    @Order(3)
    @MeshSeed("meshkit-testing/extra/orders.csv")
    void seesItsOwnSeedsAfterTheClasses() throws SQLException {
      assertEquals(List.of("5,14"), rows(ann, "SELECT COUNT(*), MAX(id) FROM sales.orders"));
    }

    @Test
    @Order(4)
    void doesNotSeeTheSeedsOfAnEarlierTest() throws SQLException {
      assertEquals(List.of("4,13"), rows(ann, "SELECT COUNT(*), MAX(id) FROM sales.orders"));
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv",
      isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassScenario {
    @MeshConnection(user = "ann")
    Connection ann;

    @Test
    @Order(1)
    void deletesOrders() throws SQLException {
      assertEquals(List.of("4"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
      execute("DELETE FROM orders WHERE id > 11");
    }

    @Test
    @Order(2)
    void seesTheEarlierTestsChange() throws SQLException {
      assertEquals(List.of("2"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv",
      isolation = Isolation.PER_CLASS)
  static class PerClassWithNestedScenario {
    @MeshConnection(user = "ann")
    Connection ann;

    @Test
    void deletesOrders() throws SQLException {
      execute("DELETE FROM orders WHERE id > 11");
    }

    /** JUnit runs an enclosing class's tests before its nested classes. */
    @org.junit.jupiter.api.Nested
    class Nested {
      @MeshConnection(user = "bert")
      Connection bert;

      @Test
      void seesTheEnclosingClassesChangeAndHasItsOwnConnections() throws SQLException {
        assertEquals(List.of("2"), rows(bert, "SELECT COUNT(*) FROM sales.orders"));
        assertEquals(List.of("2"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
      }
    }
  }

  @Test
  void aNestedClassSharesItsEnclosingClassesData() {
    assertAllPass(run(PerClassWithNestedScenario.class), 2);
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv",
      isolation = Isolation.MESH_PER_TEST)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class MeshPerTestScenario {
    /** Not a Mesh field: static Mesh fields are refused with MESH_PER_TEST. */
    static Object firstMesh;

    Mesh mesh;

    @Test
    @Order(1)
    void readsAndLeavesAnAuditEvent(@MeshConnection(user = "ann") Connection ann) throws SQLException {
      firstMesh = mesh;
      rows(ann, "SELECT * FROM sales.orders");
      assertEquals(1, mesh.auditEvents().size());
    }

    @Test
    @Order(2)
    @MeshSeed("meshkit-testing/extra/orders.csv")
    void getsANewMeshWithAnEmptyAuditAndItsOwnSeeds(@MeshConnection(user = "ann") Connection ann)
        throws SQLException {
      assertNotSame(firstMesh, mesh);
      assertEquals(0, mesh.auditEvents().size());
      assertEquals(List.of("5"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
    }
  }

  @Test
  void eachTestSeesFreshlySeededDataByDefault() {
    assertAllPass(run(PerTestScenario.class), 4);
  }

  @Test
  void aClassCanShareItsDataBetweenTestsAndTheNextClassStillStartsFresh() {
    // One run, so both classes share the one mesh in the root store; PER_CLASS leaves changes behind.
    assertAllPass(run(PerClassScenario.class, PerTestScenario.class), 6);
    assertAllPass(run(PerTestScenario.class, PerClassScenario.class), 6);
  }

  @Test
  void aTestCanHaveAMeshOfItsOwn() {
    assertAllPass(run(MeshPerTestScenario.class), 2);
  }

  @MeshTest(descriptor = "meshkit-testing/plain.yaml",
      seed = {"meshkit-testing/schema.sql", "meshkit-testing/orders.csv"})
  static class AnnotationOnlySeedScenario {
    @Test
    void theAnnotationSeedsRunBeforeTheMeshLoads(@MeshConnection(user = "ann") Connection ann) throws SQLException {
      assertEquals(List.of("4,1475.75"), rows(ann, "SELECT COUNT(*), SUM(amount) FROM sales.orders"));
    }
  }

  @Test
  void seedsCanComeFromTheAnnotationAlone() {
    assertAllPass(run(AnnotationOnlySeedScenario.class), 1);
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv",
      isolation = Isolation.MESH_PER_TEST)
  static class StaticMeshPerTestScenario {
    static Mesh mesh;

    @Test
    void test() {
    }
  }

  @Test
  void aStaticFieldCannotHoldAMeshThatChangesWithEachTest() {
    assertEquals("static field mesh of StaticMeshPerTestScenario cannot be injected with Isolation.MESH_PER_TEST,"
        + " where each test has its own mesh; make it an instance field",
        onlyFailure(run(StaticMeshPerTestScenario.class)));
  }

  // --- mistakes -------------------------------------------------------------------------------

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv")
  static class UnknownUserScenario {
    @Test
    void test(@MeshConnection(user = "zed") Connection zed) {
    }
  }

  @MeshTest(descriptor = "meshkit-testing/no-such-mesh.yaml")
  static class MissingDescriptorScenario {
    @Test
    void test() {
    }
  }

  @MeshTest(descriptor = "meshkit-testing/bad-seed.yaml")
  static class BadDescriptorSeedScenario {
    @Test
    void test() {
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/bad/orders.csv")
  static class BadAnnotationSeedScenario {
    @Test
    void test() {
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv", seedSource = "sales.crm")
  static class WrongSeedSourceScenario {
    @Test
    void test() {
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml")
  static class MissingTestSeedScenario {
    @Test
    @MeshSeed("meshkit-testing/extra/nothing-here.csv")
    void test() {
    }
  }

  @Test
  void aMissingTestSeedIsNamed() {
    String message = onlyFailure(run(MissingTestSeedScenario.class));
    assertTrue(message.startsWith("@MeshTest on MissingTestSeedScenario: seed file meshkit-testing/extra/nothing-here.csv"
        + " not found on the test classpath, next to the descriptor ("), message);
  }

  @MeshTest(descriptor = "meshkit-testing/two-sources.yaml", seed = "meshkit-testing/orders.csv")
  static class AmbiguousSeedSourceScenario {
    @Test
    void test() {
    }
  }

  @MeshTest(descriptor = "meshkit-testing/two-sources.yaml", seed = "meshkit-testing/orders.csv",
      seedSource = "archive.db")
  static class ChosenSeedSourceScenario {
    @Test
    void onlyTheChosenSourceGetsTheAnnotationSeeds(@MeshConnection(user = "ann") Connection ann) throws SQLException {
      assertEquals(List.of("0"), rows(ann, "SELECT COUNT(*) FROM sales.orders"));
      assertEquals(List.of("4"), rows(ann, "SELECT COUNT(*) FROM archive.orders"));
    }
  }

  @Test
  void withSeveralInMemorySourcesTheAnnotationNamesTheOneItFills() {
    assertEquals("seed files named in @MeshTest(seed = ...) or @MeshSeed need one in-memory H2 source"
        + " (jdbc:h2:mem:...) to fill, but meshkit-testing/two-sources.yaml has 2: sales.db, archive.db"
        + " (name one with @MeshTest(seedSource = \"domain.source\"))", onlyFailure(run(AmbiguousSeedSourceScenario.class)));
    assertAllPass(run(ChosenSeedSourceScenario.class), 1);
  }

  @Test
  void anUnknownUserNamesTheUserTheDescriptorAndTheDeclaredPrincipals() {
    assertEquals("@MeshConnection(user = \"zed\"): no principal 'zed' in meshkit-testing/shop.yaml"
        + " (declared: ann, bert, carl)", onlyFailure(run(UnknownUserScenario.class)));
  }

  @Test
  void aMissingDescriptorIsNamed() {
    String message = onlyFailure(run(MissingDescriptorScenario.class));
    assertTrue(message.startsWith("@MeshTest on MissingDescriptorScenario: descriptor meshkit-testing/no-such-mesh.yaml"
        + " not found on the test classpath nor as a file"), message);
  }

  @Test
  void aFailingDescriptorSeedNamesTheSeedFileAndLine() {
    assertEquals("seeding source sales.db: seed file broken.sql line 4: Table \"CUSTOMER\" not found",
        onlyFailure(run(BadDescriptorSeedScenario.class)));
  }

  @Test
  void aBadValueInAnAnnotationSeedNamesFileLineAndColumn() {
    assertEquals("seeding source sales.db: seed file meshkit-testing/bad/orders.csv line 3, column AMOUNT:"
        + " the value is not a valid decimal", onlyFailure(run(BadAnnotationSeedScenario.class)));
  }

  @Test
  void aSeedSourceMustBeAnInMemorySourceOfTheDescriptor() {
    assertEquals("@MeshTest(seedSource = \"sales.crm\"): meshkit-testing/shop.yaml has no in-memory H2 source of"
        + " that name (in-memory H2 sources: sales.db)", onlyFailure(run(WrongSeedSourceScenario.class)));
  }
}
