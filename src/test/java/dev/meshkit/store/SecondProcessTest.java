package dev.meshkit.store;

import static dev.meshkit.store.StoreMeshes.ANN;
import static dev.meshkit.store.StoreMeshes.descriptor;
import static dev.meshkit.store.StoreMeshes.read;
import static dev.meshkit.store.StoreMeshes.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving mesh and {@code meshkit feedback} in another JVM on the same descriptor at once: both
 * open the H2 file, and the feedback given by one shows in the other. Tagged slow: it starts a JVM.
 */
@Tag("slow")
class SecondProcessTest {

  @TempDir
  Path dir;

  @Test
  void feedbackFromAnotherProcessShowsInTheServingMesh() throws Exception {
    // A file source, which the other JVM can open too.
    String source = "jdbc:h2:file:" + dir.resolve("source") + ";AUTO_SERVER=TRUE";
    try (Connection c = DriverManager.getConnection(source, "sa", ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, amount INT)");
      s.execute("INSERT INTO orders VALUES (1, 10)");
    }
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source, "metadataStore: {path: .meshkit}"));
    try (Mesh serving = Mesh.fromYaml(file)) {
      read(serving, ANN, "sales.orders");
      Process cli = meshkit("feedback", file.toString(), "--user", "ann", "sales.orders", "--rate", "5", "--comment",
          "From the command line");
      assertTrue(cli.waitFor(120, TimeUnit.SECONDS), "meshkit feedback did not finish");
      String printed = Files.readString(dir.resolve("cli.out"));
      assertEquals(0, cli.exitValue(), printed);
      assertTrue(printed.lines().anyMatch(l -> l.startsWith("Rated sales.orders 5 of 5 as ann")), printed);
      assertEquals(List.of(List.of("5", "From the command line")),
          rows(serving, ANN, "SELECT rating, comment FROM catalog.feedback"));
      read(serving, ANN, "sales.orders");
      assertEquals("2", rows(serving, ANN, "SELECT queries FROM catalog.usage WHERE product_name = 'orders'")
          .get(0).get(0));
    }
  }

  private Process meshkit(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Duser.timezone=" + TimeZone.getDefault().getID(),
        "-cp", System.getProperty("java.class.path"), "dev.meshkit.cli.MeshkitCommand"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("cli.out").toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }
}
