package dev.meshkit.source.jdbc;

import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.jdbc.MeshDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seed:} on a JDBC source: an in-memory H2 database filled at load, through Mesh.fromYaml alone. */
class JdbcSeedTest {

  @TempDir
  Path dir;

  private static final Principal ANN = Principal.of("ann", "analyst");

  private Path descriptor(String url, String seed) {
    return write(dir.resolve("mesh.yaml"), """
        name: seeded
        domains:
          - name: sales
            owner: sales@acme.example
            sources:
              - name: db
                type: jdbc
                url: "%s"
                seed: %s
            products:
              - {name: orders, description: Orders, sql: SELECT * FROM db.orders}
        policies:
          - name: analysts-read
            grant: {products: ["*"], roles: [analyst]}
        """.formatted(url, seed));
  }

  private static String memUrl() {
    return "jdbc:h2:mem:seed_" + UUID.randomUUID().toString().replace("-", "");
  }

  private void writeSeeds() {
    write(dir.resolve("sql/schema.sql"), """
        CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2), placed DATE, paid BOOLEAN,
          note VARCHAR(20));
        -- a comment; with a semicolon
        INSERT INTO orders VALUES (1, 10.50, DATE '2024-01-01', TRUE, 'a;b');
        """);
    write(dir.resolve("data/orders.csv"), """
        id,amount,placed,paid,note
        2,20.25,2024-02-02,false,"x, y"
        3,,2024-03-03,true,
        """);
  }

  @Test
  void aDescriptorWithAnInMemoryDatabaseAndSeedsWorksWithoutAnySetup() throws Exception {
    writeSeeds();
    try (Mesh mesh = Mesh.fromYaml(descriptor(memUrl(), "[sql/schema.sql, data/orders.csv]"));
         Connection c = mesh.connect(ANN)) {
      assertEquals(List.of("1,10.50,2024-01-01,true,a;b", "2,20.25,2024-02-02,false,x, y", "3,null,2024-03-03,true,null"),
          rows(c, "SELECT id, amount, placed, paid, note FROM sales.orders ORDER BY id"));
    }
  }

  @Test
  void theJdbcDriverLoadsASeededDescriptorToo() throws Exception {
    writeSeeds();
    Path descriptor = write(dir.resolve("driver.yaml"), Files.readString(descriptor(memUrl(),
        "[sql/schema.sql, data/orders.csv]")) + "principals:\n  - {name: ann, roles: [analyst]}\n");
    try (Connection c = DriverManager.getConnection("jdbc:meshkit:" + descriptor, "ann", null)) {
      assertEquals(List.of("3,30.75"), rows(c, "SELECT COUNT(*), SUM(amount) FROM sales.orders"));
    } finally {
      MeshDriver.release(descriptor);
    }
  }

  @Test
  void theDatabaseLivesAsLongAsTheMeshAndIsSeededAgainOnTheNextLoad() throws Exception {
    writeSeeds();
    Path descriptor = descriptor(memUrl(), "[sql/schema.sql, data/orders.csv]");
    try (Mesh first = Mesh.fromYaml(descriptor); Mesh second = Mesh.fromYaml(descriptor);
         Connection c = second.connect(ANN)) {
      // The second mesh finds the database already filled and does not seed it twice.
      assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM sales.orders"));
    }
    try (Mesh again = Mesh.fromYaml(descriptor); Connection c = again.connect(ANN)) {
      assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM sales.orders"));
    }
  }

  @Test
  void aFailingStatementNamesTheDescriptorLineTheSeedFileAndItsLine() {
    write(dir.resolve("schema.sql"), """
        CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2));

        -- the table is misspelled below
        INSERT INTO order_lines VALUES (1, 2);
        """);
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(descriptor(memUrl(), "[schema.sql]")));
    assertTrue(e.getMessage().startsWith(dir.resolve("mesh.yaml") + ":6: source 'db' of domain 'sales': "
        + "seed file schema.sql line 4: Table \"ORDER_LINES\" not found"), e.getMessage());
  }

  @Test
  void aCsvValueOfTheWrongTypeNamesFileLineAndColumnButNotTheValue() {
    write(dir.resolve("schema.sql"), "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2));");
    write(dir.resolve("orders.csv"), "id,amount\n1,2.50\n2,SECRET-TEXT\n");
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor(memUrl(), "[schema.sql, orders.csv]")));
    assertTrue(e.getMessage().endsWith("seed file orders.csv line 3, column AMOUNT: the value is not a valid decimal"),
        e.getMessage());
    assertFalse(e.getMessage().contains("SECRET-TEXT"), e.getMessage());
  }

  @Test
  void aRowTheDatabaseRefusesIsNamedByItsLine() {
    write(dir.resolve("schema.sql"), "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2));\n-- the end\n");
    write(dir.resolve("orders.csv"), "id,amount\n1,2.50\n2,3.50\n\"1\",4.50\n3,5.50\n");
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor(memUrl(), "[schema.sql, orders.csv]")));
    assertTrue(e.getMessage().contains("seed file orders.csv line 4: Unique index or primary key violation"),
        e.getMessage());
  }

  @Test
  void aCsvHeaderMustNameColumnsOfAnExistingTable() {
    write(dir.resolve("schema.sql"), "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2));");
    write(dir.resolve("orders.csv"), "id,amount,colour\n1,2.50,red\n");
    write(dir.resolve("refunds.csv"), "id\n1\n");
    MeshException unknownColumn = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor(memUrl(), "[schema.sql, orders.csv]")));
    assertTrue(unknownColumn.getMessage().endsWith(
        "seed file orders.csv line 1: table orders has no column 'colour' (columns: ID, AMOUNT)"),
        unknownColumn.getMessage());
    MeshException unknownTable = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor(memUrl(), "[schema.sql, refunds.csv]")));
    assertTrue(unknownTable.getMessage().endsWith("seed file refunds.csv: table refunds does not exist"
        + " (create it in a .sql seed listed before the CSV file)"), unknownTable.getMessage());
  }

  @Test
  void theSeedConnectionCreatesTheDatabaseWithTheSourcesDriverProperties() {
    write(dir.resolve("schema.sql"), "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2));");
    write(dir.resolve("orders.csv"), "id,amount,colour\n1,2.50,red\n");
    Path descriptor = write(dir.resolve("mesh.yaml"), """
        name: seeded
        domains:
          - name: sales
            owner: sales@acme.example
            sources:
              - name: db
                type: jdbc
                url: "%s"
                properties: {DATABASE_TO_LOWER: "TRUE"}
                seed: [schema.sql, orders.csv]
            products:
              - {name: orders, description: Orders, sql: SELECT * FROM db.orders}
        """.formatted(memUrl()));
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(descriptor));
    // Lower-case column names: the database was created with the source's DATABASE_TO_LOWER.
    assertTrue(e.getMessage().endsWith("table orders has no column 'colour' (columns: id, amount)"), e.getMessage());
  }

  @Test
  void aMissingSeedFileIsALoadErrorNamingIt() {
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor(memUrl(), "[nowhere.sql]")));
    assertTrue(e.getMessage().contains(":6: source 'db' of domain 'sales': seed file nowhere.sql not found (looked for "
        + dir.resolve("nowhere.sql") + ")"), e.getMessage());
  }

  @Test
  void seedsAreOnlyForInMemoryH2() {
    write(dir.resolve("schema.sql"), "CREATE TABLE orders(id INT);");
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor("jdbc:h2:" + dir.resolve("filedb").toString().replace('\\', '/'), "[schema.sql]")));
    assertTrue(e.getMessage().contains("setting 'seed' is only for in-memory H2 databases (jdbc:h2:mem:...)"),
        e.getMessage());
  }

  @Test
  void aSeedMustBeASqlOrCsvFile() {
    write(dir.resolve("schema.txt"), "CREATE TABLE orders(id INT);");
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(descriptor(memUrl(), "schema.txt")));
    assertTrue(e.getMessage().contains("seed file schema.txt must end in .sql (a script) or .csv"), e.getMessage());
  }
}
