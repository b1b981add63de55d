package dev.meshkit.bootstrap;

import static dev.meshkit.bootstrap.LiveDescriptor.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher: saved changes serve within about two seconds, and a burst of saves ends on the last. */
class WatchTest {

  private static final Principal ANN = Principal.of("ann", "analyst");
  /** What "about two seconds" allows on a loaded machine. */
  private static final long WAIT_MS = 10_000;

  @TempDir
  Path dir;

  @Test
  void aSavedChangeServesWithinAboutTwoSeconds() throws Exception {
    LiveDescriptor descriptor = new LiveDescriptor(dir);
    descriptor.write("v0", "1.0.0");
    List<Long> latencies = new ArrayList<>();
    try (Mesh mesh = Mesh.builder().descriptor(descriptor.file).watch(true).build(); Connection c = mesh.connect(ANN)) {
      assertEquals("v0", tag(c));
      for (int v = 1; v <= 5; v++) {
        long saved = System.nanoTime();
        descriptor.write("v" + v, "1." + v + ".0");
        awaitTag(c, "v" + v);
        latencies.add((System.nanoTime() - saved) / 1_000_000);
      }
      assertEquals(5, mesh.changes().size());
      assertTrue(mesh.changes().stream().allMatch(ch -> ch.trigger() == MeshChange.Trigger.WATCH && ch.accepted()));
    }
    Collections.sort(latencies);
    System.out.println("save to serving (ms), sorted: " + latencies + ", median " + latencies.get(2));
  }

  @Test
  void aBurstOfSavesEndsOnTheLastAndAHalfWrittenFileDoesNotStick() throws Exception {
    LiveDescriptor descriptor = new LiveDescriptor(dir);
    descriptor.write(descriptor.text("v0", "1.0.0", "settings: {watch: true}", "", ""));
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      String last = descriptor.text("v9", "1.9.0", "settings: {watch: true}", "", "");
      // An editor writing in steps: truncate, then chunks, with versions in between.
      for (int v = 1; v <= 8; v++) {
        String text = descriptor.text("v" + v, "1." + v + ".0", "settings: {watch: true}", "", "");
        Files.writeString(descriptor.file, "");
        Files.writeString(descriptor.file, text.substring(0, text.length() / 2), StandardOpenOption.APPEND);
        Thread.sleep(30);
        Files.writeString(descriptor.file, text.substring(text.length() / 2), StandardOpenOption.APPEND);
        Thread.sleep(30);
      }
      // Half a file, left long enough for the watcher to read it: a refusal, not a stuck one.
      Files.writeString(descriptor.file, last.substring(0, last.length() / 3));
      awaitRefusal(mesh);
      assertEquals("v0", tag(c), "the half-written file is refused; the old version serves");
      Files.writeString(descriptor.file, last);
      awaitTag(c, "v9");
      MeshChange latest = mesh.changes().get(mesh.changes().size() - 1);
      assertTrue(latest.accepted());
      assertEquals("1.9.0", latest.products().get(0).newVersion());
    }
  }

  @Test
  void theDriverFollowsTheDescriptorsWatchSetting() throws Exception {
    LiveDescriptor descriptor = new LiveDescriptor(dir);
    descriptor.write(descriptor.text("v0", "1.0.0", "settings: {watch: true}", "", ""));
    Properties ann = new Properties();
    ann.setProperty("user", "ann");
    String url = "jdbc:meshkit:" + descriptor.file;
    try (Connection c = DriverManager.getConnection(url, ann)) {
      assertEquals("v0", tag(c));
      descriptor.write(descriptor.text("v1", "1.1.0", "settings: {watch: true}", "", ""));
      awaitTag(c, "v1");
    } finally {
      dev.meshkit.jdbc.MeshDriver.release(descriptor.file);
    }
  }

  @Test
  void watchingIsOffUnlessAsked() throws Exception {
    LiveDescriptor descriptor = new LiveDescriptor(dir);
    descriptor.write("v0", "1.0.0");
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      descriptor.write("v1", "1.1.0");
      Thread.sleep(1_500);
      assertEquals("v0", tag(c));
      assertTrue(mesh.reload().accepted());
      assertEquals("v1", tag(c));
    }
  }

  @Test
  void aMeshDeclaredInCodeHasNothingToWatch() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Mesh.builder().name("m").watch(true));
    assertTrue(e.getMessage().contains("update()"), e.getMessage());
  }

  @Test
  void aSeedScriptIsWatchedToo() throws Exception {
    Path seed = MeshTesting.write(dir.resolve("seed.sql"), "CREATE TABLE t(id INT); INSERT INTO t VALUES (1);");
    String yaml = """
        name: seeded
        settings: {watch: true}
        policies: [{name: all, grant: {products: ["*"]}}]
        domains:
          - name: s
            owner: o
            sources: [{name: db, type: jdbc, url: "jdbc:h2:mem:watch_seed_%s", user: sa, seed: seed.sql}]
            products: [{name: p, description: d, sql: "SELECT * FROM db.t"}]
        """.formatted(System.nanoTime());
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), yaml);
    try (Mesh mesh = Mesh.fromYaml(file); Connection c = mesh.connect(Principal.of("ann"))) {
      assertEquals(List.of("1"), MeshTesting.rows(c, "SELECT * FROM s.p"));
      // Editing the seed is a change of the source, which opens again (an in-memory database that
      // already has tables is not seeded twice, so its rows stay).
      MeshTesting.write(seed, "CREATE TABLE t(id INT, extra INT); INSERT INTO t VALUES (1, 2);");
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (mesh.changes().isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(mesh.changes().isEmpty(), "the seed's change was picked up");
      MeshChange change = mesh.changes().get(0);
      assertTrue(change.accepted(), change.toString());
      assertEquals(List.of("s.p"), change.products().stream().map(MeshChange.ProductChange::product).toList());
      assertEquals(List.of("1"), MeshTesting.rows(c, "SELECT id FROM s.p"));
    }
  }

  /** A team adds its domain's file: the platform's include glob matches it, and it serves. */
  @Test
  void aNewDomainFileThatAnIncludeMatchesJoinsTheMesh() throws Exception {
    String url = MeshTesting.h2("watch_include_" + System.nanoTime(), "CREATE TABLE t(id INT)", "INSERT INTO t VALUES (7)");
    Path platform = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: teams
        settings: {watch: true}
        include: ["domains/*.yaml"]
        principals:
          - {name: ann, roles: [analyst]}
        policies:
          - name: analysts-read-all
            grant: {products: ["*"], roles: [analyst]}
        """);
    MeshTesting.write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales-team
        sources:
          - {name: db, type: jdbc, url: "%s", user: sa}
        products:
          - {name: items, description: Items, sql: SELECT id FROM db.t}
        """.formatted(url));
    try (Mesh mesh = Mesh.fromYaml(platform); Connection c = mesh.connect(ANN)) {
      MeshTesting.write(dir.resolve("domains/hr.yaml"), """
          name: hr
          owner: people-team
          sources:
            - {name: db, type: jdbc, url: "%s", user: sa}
          products:
            - {name: staff, description: Staff, sql: SELECT id FROM db.t}
          """.formatted(url));
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (mesh.changes().isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      MeshChange change = mesh.changes().get(0);
      assertTrue(change.accepted(), change.toString());
      assertEquals(List.of("hr.staff"), change.products().stream().map(MeshChange.ProductChange::product).toList());
      assertEquals(List.of("7"), MeshTesting.rows(c, "SELECT id FROM hr.staff"));
    }
  }

  private static void awaitTag(Connection c, String expected) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    String seen;
    do {
      seen = tag(c);
      if (!seen.equals(expected)) {
        Thread.sleep(20);
      }
    } while (!seen.equals(expected) && System.currentTimeMillis() < deadline);
    assertEquals(expected, seen);
  }

  private static void awaitRefusal(Mesh mesh) throws InterruptedException, SQLException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      List<MeshChange> changes = mesh.changes();
      if (!changes.isEmpty() && !changes.get(changes.size() - 1).accepted()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the half-written file was not read: " + mesh.changes());
  }
}
