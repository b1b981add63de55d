package dev.meshkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.server.MeshServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars, after {@code mvn package}: the client jar holds only the client and the delegates,
 * and a JVM whose class path is exactly that jar, Avatica's client jar and the SLF4J API connects to a
 * server on the example mesh with {@code jdbc:meshkit:remote:}; a stock Avatica client works with the
 * same two Avatica jars, and fails without the SLF4J API.
 */
class ClientJarIT {

  static final Path CLIENT_JAR = Path.of(System.getProperty("meshkit.client.jar", "target/missing-client.jar"));
  static final Path MAIN_JAR = Path.of(System.getProperty("meshkit.main.jar", "target/missing.jar"));
  static final Path LIB = Path.of(System.getProperty("meshkit.client.lib", "target/client-lib"));
  static final Path AVATICA = LIB.resolve("avatica-1.28.0.jar");
  static final Path SLF4J = LIB.resolve("slf4j-api-2.0.17.jar");
  /** The example mesh's orders from 2026-03-01 on, as the probes print them. */
  static final List<String> ORDERS_FROM_MARCH = List.of("row 103 2026-03-01 89.90", "row 104 2026-03-09 15.25",
      "row 105 2026-03-15 250.00", "row 106 2026-04-02 60.00");

  static Mesh mesh;
  static MeshServer server;

  @BeforeAll
  static void start() {
    mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
    server = MeshServer.builder(mesh).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    mesh.close();
  }

  @Test
  void theClientJarHoldsTheClientTheDelegatesAndADriverFileNamingOnlyTheRemoteDriver() throws Exception {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = new JarFile(CLIENT_JAR.toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        String name = entry.getName();
        if (!name.startsWith("dev/meshkit/client/") && !name.startsWith("dev/meshkit/delegate/")
            && !name.equals("dev/") && !name.equals("dev/meshkit/") && !name.startsWith("META-INF/maven/")
            && !List.of("META-INF/", "META-INF/MANIFEST.MF", "META-INF/LICENSE", "META-INF/NOTICE", "META-INF/services/",
                "META-INF/services/java.sql.Driver").contains(name)) {
          outside.add(name);
        }
      }
      assertEquals(List.of(), outside);
      assertTrue(jar.getEntry("dev/meshkit/client/RemoteDriver.class") != null);
      assertTrue(jar.getEntry("META-INF/LICENSE") != null && jar.getEntry("META-INF/NOTICE") != null);
      assertEquals("dev.meshkit.client.RemoteDriver", services(jar));
    }
    try (JarFile jar = new JarFile(MAIN_JAR.toFile())) {
      assertEquals("dev.meshkit.jdbc.MeshDriver\ndev.meshkit.client.RemoteDriver", services(jar));
    }
  }

  private static String services(JarFile jar) throws IOException {
    return new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
        StandardCharsets.UTF_8).strip();
  }

  @Test
  void aJvmWithOnlyTheClientJarAndAvaticasConnectsReadsAndBindsJavaTime() throws Exception {
    String url = "jdbc:meshkit:remote:http://127.0.0.1:" + server.port();
    Run run = java(List.of(CLIENT_JAR, AVATICA, SLF4J), "ClientProbe.java", url, "ann", "ann-demo");
    assertEquals(0, run.exit, run.toString());
    List<String> expected = new ArrayList<>();
    expected.add("driver dev.meshkit.client.RemoteDriver");
    expected.addAll(ORDERS_FROM_MARCH);
    expected.add("typeMap {}");
    expected.add("warning 01000");
    expected.add("refused 28000 the meshkit server refused the login of user 'ann': wrong user name, password or token");
    assertEquals(expected, run.out, run.toString());
  }

  @Test
  void theStockAvaticaClientNeedsItsJarAndTheSlf4jApi() throws Exception {
    Run run = java(List.of(AVATICA, SLF4J), "StockProbe.java", server.url(), "ann", "ann-demo");
    assertEquals(0, run.exit, run.toString());
    assertEquals(ORDERS_FROM_MARCH, run.out, run.toString());
    Run alone = java(List.of(AVATICA), "StockProbe.java", server.url(), "ann", "ann-demo");
    assertNotEquals(0, alone.exit, alone.toString());
    assertTrue(alone.err.contains("org/slf4j/LoggerFactory"), alone.toString());
  }

  record Run(int exit, List<String> out, String err) {
  }

  /** Runs a probe source file in a new JVM with exactly {@code classPath}. */
  private static Run java(List<Path> classPath, String probe, String... args) throws Exception {
    for (Path jar : classPath) {
      assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn verify`, which packages it first");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.timezone=America/New_York", "-cp",
        String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()),
        Path.of("src/test/probes", probe).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    byte[] err;
    List<String> out;
    try (var stdout = process.getInputStream(); var stderr = process.getErrorStream()) {
      var errors = new java.util.concurrent.CompletableFuture<byte[]>();
      Thread reader = new Thread(() -> {
        try {
          errors.complete(stderr.readAllBytes());
        } catch (IOException e) {
          errors.completeExceptionally(e);
        }
      });
      reader.start();
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      err = errors.get(120, TimeUnit.SECONDS);
    }
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
    return new Run(process.exitValue(), out, new String(err, StandardCharsets.UTF_8));
  }
}
