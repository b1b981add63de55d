package dev.meshkit.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads while 16 clients query without pause: not one statement fails, and each reads one version whole. */
class ConcurrentReloadTest {

  private static final int CLIENTS = 16;
  private static final int RELOADS = 4;

  @TempDir
  Path dir;

  @Test
  void reloadsUnderSixteenClientsFailNoStatement() throws Exception {
    LiveDescriptor descriptor = new LiveDescriptor(dir);
    descriptor.write("v0", "1.0.0");
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong statements = new AtomicLong();
    CountDownLatch started = new CountDownLatch(CLIENTS);
    try (Mesh mesh = Mesh.fromYaml(descriptor.file)) {
      try (Connection warm = mesh.connect(Principal.of("ann", "analyst"))) {
        // Planned once before the clients start, as a running service would have.
        dev.meshkit.MeshTesting.rows(warm, "SELECT DISTINCT tag FROM sales.items WHERE id <= 500");
      }
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        boolean prepared = i % 2 == 0;
        Thread client = new Thread(() -> {
          try (Connection c = mesh.connect(Principal.of("ann", "analyst"))) {
            boolean first = true;
            while (!stop.get()) {
              // Prepared and plain statements, each new: every one must start on a whole version.
              List<String> tags = new ArrayList<>();
              if (prepared) {
                try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT tag FROM sales.items WHERE id <= ?")) {
                  p.setInt(1, 500);
                  try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                      tags.add(rs.getString(1));
                    }
                  }
                }
              } else {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT DISTINCT tag FROM sales.items WHERE id <= 500")) {
                  while (rs.next()) {
                    tags.add(rs.getString(1));
                  }
                }
              }
              assertEquals(1, tags.size(), "one version per statement: " + tags);
              seen.add(tags.get(0));
              statements.incrementAndGet();
              if (first) {
                started.countDown(); // planned and compiled once: the clients now run at full speed
                first = false;
              }
            }
          } catch (Throwable e) {
            failures.add(e);
            started.countDown();
          }
        }, "client-" + i);
        client.start();
        clients.add(client);
      }
      started.await();
      for (int v = 1; v <= RELOADS; v++) {
        Thread.sleep(150);
        descriptor.write("v" + v, "1." + v + ".0");
        MeshChange change = mesh.reload();
        assertTrue(change.accepted(), change.toString());
      }
      // Every client runs statements of the last version before they stop.
      long after = statements.get();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (statements.get() < after + CLIENTS * 4L && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      stop.set(true);
      for (Thread client : clients) {
        client.join(30_000);
      }
    }
    assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
    assertTrue(seen.contains("v" + RELOADS), "the last version served: " + seen);
    assertTrue(seen.size() >= 3, "several versions served while the clients ran: " + seen);
    assertTrue(statements.get() > CLIENTS * 2L, "the clients ran: " + statements);
  }
}
