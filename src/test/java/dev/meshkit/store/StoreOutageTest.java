package dev.meshkit.store;

import static dev.meshkit.store.StoreMeshes.ANN;
import static dev.meshkit.store.StoreMeshes.AUD;
import static dev.meshkit.store.StoreMeshes.BOB;
import static dev.meshkit.store.StoreMeshes.descriptor;
import static dev.meshkit.store.StoreMeshes.read;
import static dev.meshkit.store.StoreMeshes.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A metadata store that goes down and comes back: queries go on, usage waits in memory, then is written. */
class StoreOutageTest {

  @TempDir
  Path dir;

  @Test
  void queriesGoOnWhileTheStoreIsDownAndUsageIsWrittenOnceItIsBack() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:outage" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    SwitchableDataSource database = new SwitchableDataSource(h2);
    String url = MeshTesting.h2("outage_src" + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10)");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, ""));
    try (Mesh mesh = Mesh.builder().descriptor(file).metadataStore(database).build()) {
      read(mesh, ANN, "sales.orders");
      awaitStored(h2, 1);

      database.down(true);
      long started = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        read(mesh, BOB, "sales.orders");
      }
      assertEquals(List.of(List.of("6", "2")), rows(mesh, ANN,
          "SELECT queries, distinct_principals FROM catalog.usage WHERE product_name = 'orders'"));
      assertTrue(System.nanoTime() - started < 10_000_000_000L, "queries waited for the store");
      MeshException refused = assertThrows(MeshException.class, () -> mesh.feedback().rate(ANN, "sales.orders", 3, ""));
      assertTrue(refused.getMessage().startsWith("the metadata store given to Mesh.Builder.metadataStore could not"
          + " keep the rating"), refused.getMessage());
      assertEquals(1, stored(h2));

      database.down(false);
      awaitStored(h2, 6);
      assertEquals(List.of(List.of("6", "2")), rows(mesh, ANN,
          "SELECT queries, distinct_principals FROM catalog.usage WHERE product_name = 'orders'"));
    }
  }

  @Test
  void aStoreDownWhenTheMeshLoadsIsSetUpOnceItAnswers() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:late" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    SwitchableDataSource database = new SwitchableDataSource(h2);
    database.down(true);
    String url = MeshTesting.h2("late_src" + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10)");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, ""));
    try (Mesh mesh = Mesh.builder().descriptor(file).metadataStore(database).build()) {
      read(mesh, ANN, "sales.orders");
      assertEquals(List.of(List.of("1")), rows(mesh, ANN,
          "SELECT queries FROM catalog.usage WHERE product_name = 'orders'"));
      database.down(false);
      awaitStored(h2, 1);
      assertEquals(5, mesh.feedback().rate(ANN, "sales.orders", 5, "").rating());
    }
  }

  @Test
  void sysAuditAnswersFromMemoryWhileTheStoreIsDownAndWarnsOnce() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:audit_outage" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    SwitchableDataSource database = new SwitchableDataSource(h2);
    String url = MeshTesting.h2("audit_outage_src" + System.nanoTime(),
        "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)", "INSERT INTO orders VALUES (1, 10)");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, ""));
    String reads = "SELECT principal FROM sys.audit WHERE sql_text = 'SELECT * FROM sales.orders' ORDER BY event_time";
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Mesh mesh = Mesh.builder().descriptor(file).metadataStore(database).build()) {
      read(mesh, ANN, "sales.orders");
      awaitStored(h2, 1);
      database.down(true);
      read(mesh, BOB, "sales.orders");
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        for (int i = 0; i < 2; i++) {
          assertEquals(List.of(List.of("ann"), List.of("bob")), rows(mesh, AUD, reads));
        }
        database.down(false);
        awaitStored(h2, 2);
        assertEquals(List.of("ann"), rows(mesh, AUD, reads).get(0));
      } finally {
        System.setErr(stderr);
      }
    }
    String text = log.toString(StandardCharsets.UTF_8);
    String warning = "WARN dev.meshkit.catalog.AuditTable - sys.audit: the metadata store given to"
        + " Mesh.Builder.metadataStore cannot be read, or two scans of sys.audit read it already, so it shows only"
        + " the recent events kept in memory";
    assertEquals(1, text.split(warning, -1).length - 1, text);
    assertTrue(text.contains("sys.audit: the metadata store given to Mesh.Builder.metadataStore answers again"), text);
  }

  /** Waits for the writer (it retries every five seconds) to have stored this many queries. */
  private static void awaitStored(JdbcDataSource h2, long queries) throws Exception {
    for (int i = 0; i < 200 && stored(h2) != queries; i++) {
      Thread.sleep(50);
    }
    assertEquals(queries, stored(h2));
  }

  private static long stored(JdbcDataSource h2) throws SQLException {
    try (Connection c = h2.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(queries), 0) FROM " + StoreSchema.USAGE)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException notYet) {
      return 0;
    }
  }
}
