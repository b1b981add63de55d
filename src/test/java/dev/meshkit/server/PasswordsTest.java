package dev.meshkit.server;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.line;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import dev.meshkit.model.Location;
import dev.meshkit.model.PrincipalModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Salted hashes, the descriptor's {@code password:} field and {@link Mesh#verifyPassword}. */
class PasswordsTest {

  @TempDir
  Path dir;

  @Test
  void hashesAreSaltedSelfDescribingAndVerify() {
    String first = PasswordHasher.hash("correct horse".toCharArray());
    String second = PasswordHasher.hash("correct horse".toCharArray());
    assertTrue(first.matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), first);
    assertNotEquals(first, second, "a fresh salt every time");
    assertTrue(PasswordHasher.verify("correct horse".toCharArray(), first));
    assertTrue(PasswordHasher.verify("correct horse".toCharArray(), second));
    assertFalse(PasswordHasher.verify("correct horse ".toCharArray(), first));
    assertFalse(PasswordHasher.verify("".toCharArray(), first));
  }

  @Test
  void malformedHashesAndEmptyPasswordsAreRefused() {
    assertEquals("password is empty",
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.hash(new char[0])).getMessage());
    IllegalArgumentException clear = assertThrows(IllegalArgumentException.class,
        () -> PasswordHasher.verify("x".toCharArray(), "hunter2"));
    assertTrue(clear.getMessage().startsWith("password is not a hash of the form pbkdf2-sha256$"), clear.getMessage());
    assertFalse(clear.getMessage().contains("hunter2"));
    assertTrue(PasswordHasher.problem("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").contains("1000 iterations"));
    assertEquals("password hash has a salt or hash that is not Base64",
        PasswordHasher.problem("pbkdf2-sha256$600000$not*base64$AAAA"));
  }

  @Test
  void theDescriptorRefusesAClearTextPasswordNamingFileAndLineButNotThePassword() throws Exception {
    String url = h2("pw_" + System.nanoTime(), "CREATE TABLE t(x INT)");
    String yaml = """
        name: pw
        domains:
          - name: d
            owner: d@example.com
            sources: [{name: s, type: jdbc, url: "%s", user: sa, password: ""}]
            products: [{name: t, description: T, sql: "SELECT * FROM s.t"}]
        principals:
          - name: ann
            roles: [analyst]
            password: hunter2
        """.formatted(url);
    Path file = write(dir.resolve("mesh.yaml"), yaml);
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(file));
    assertTrue(e.getMessage().contains("mesh.yaml:" + line(yaml, "password: hunter2")), e.getMessage());
    assertTrue(e.getMessage().contains("principal 'ann': password is not a hash of the form"), e.getMessage());
    assertTrue(e.getMessage().contains("meshkit hash-password"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void meshVerifiesDescriptorPasswordsAndRefusesPrincipalsWithout() throws Exception {
    String url = h2("pw_" + System.nanoTime(), "CREATE TABLE t(x INT)");
    String hash = PasswordHasher.hash("ann-pw".toCharArray());
    Path file = write(dir.resolve("mesh.yaml"), """
        name: pw
        domains:
          - name: d
            owner: d@example.com
            sources: [{name: s, type: jdbc, url: "%s", user: sa, password: ""}]
            products: [{name: t, description: T, sql: "SELECT * FROM s.t"}]
        principals:
          - {name: ann, roles: [analyst], password: "%s"}
          - {name: dave, roles: [analyst]}
        """.formatted(url, hash));
    try (Mesh mesh = Mesh.fromYaml(file)) {
      assertTrue(mesh.verifyPassword("ann", "ann-pw".toCharArray()));
      assertFalse(mesh.verifyPassword("ann", "dave-pw".toCharArray()));
      assertFalse(mesh.verifyPassword("dave", "".toCharArray()));
      assertFalse(mesh.verifyPassword("nobody", "ann-pw".toCharArray()));
      assertEquals(List.of("analyst"), List.copyOf(mesh.principal("ann").orElseThrow().roles()));
    }
  }

  @Test
  void aPrincipalModelNeverShowsItsHash() {
    String hash = PasswordHasher.hash("pw".toCharArray());
    PrincipalModel model = new PrincipalModel("ann", List.of("analyst"), Map.of(), hash, new Location("mesh.yaml", 3));
    assertFalse(model.toString().contains(hash.split("\\$")[3]), model.toString());
    assertTrue(model.toString().contains("password=(hidden)"), model.toString());
  }

  @Test
  void aFloodOfWrongCredentialsIsCheckedAtMostOnePerCore() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Authenticator slowStore = Authenticator.basic((user, password) -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      return Optional.empty();
    });
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<Optional<Principal>>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String header = "Basic " + Base64.getEncoder().encodeToString(("mallory:guess" + i).getBytes(StandardCharsets.UTF_8));
        answers.add(clients.submit(() -> slowStore.authenticate(header)));
      }
      for (Future<Optional<Principal>> answer : answers) {
        assertTrue(answer.get(60, TimeUnit.SECONDS).isEmpty());
      }
    } finally {
      clients.shutdownNow();
    }
    assertTrue(most.get() >= 1 && most.get() <= Runtime.getRuntime().availableProcessors(),
        "at most one check per core ran at once, but " + most.get() + " did");
  }
}
