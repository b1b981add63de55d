package dev.meshkit.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.model.HashKey;
import dev.meshkit.server.MeshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hash} mask is HMAC-SHA256 under the mesh's {@code masking.hashKey}: deterministic
 * within a mesh (joins on hashed keys work), different from a plain digest and between keys, and
 * required to load. The key shows nowhere: not in plans, errors, the catalog, the audit or
 * {@code toString}.
 */
class HashMaskTest {

  static final String KEY = "hash-mask-test-key-0123456789abcdef-0123";
  static final String OTHER_KEY = "another-key-for-the-hash-mask-9876543210";
  static final String RAW = "alba@example.eu";

  static final Principal ANN = Principal.of("ann", "analyst");
  /** A member of sales: sees whole plans. */
  static final Principal MIA = Principal.of("mia", "analyst");

  @TempDir
  static Path dir;
  static String url;

  @BeforeAll
  static void database() throws SQLException {
    url = MeshTesting.h2("hash_mask",
        "CREATE TABLE customers(id INT PRIMARY KEY, email VARCHAR(40))",
        "INSERT INTO customers VALUES (1, '" + RAW + "'), (2, 'bodo@example.us'), (3, NULL)",
        "CREATE TABLE orders(id INT PRIMARY KEY, email VARCHAR(40))",
        "INSERT INTO orders VALUES (10, '" + RAW + "'), (11, '" + RAW + "'), (12, 'bodo@example.us')");
  }

  /** The descriptor, with {@code masking} as given (a line, or empty for none). */
  static String descriptor(String masking) {
    return """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            members: {users: [mia]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: customers
                sql: SELECT * FROM erp.customers
                columns: [{name: email, tags: [pii]}]
              - name: orders
                sql: SELECT * FROM erp.orders
                columns: [{name: email, tags: [pii]}]
        principals:
          - {name: ann, roles: [analyst], password: "%s"}
        policies:
          - name: analysts-read
            grant: {products: ["*"], roles: [analyst]}
          - name: pii-hashed
            mask: {tags: [pii], roles: [analyst], with: hash}
        %s
        """.formatted(url, PasswordHasher.hash("ann-pw".toCharArray()), masking);
  }

  static Mesh mesh(String key) {
    return Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh-" + Math.abs(key.hashCode()) + ".yaml"),
        descriptor("masking: {hashKey: \"" + key + "\"}")));
  }

  static String hmac(String key, String value) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256(String value) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  static String emailOf(Mesh mesh, int id) throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      return MeshTesting.rows(c, "SELECT email FROM sales.customers WHERE id = " + id).get(0);
    }
  }

  @Test
  void theHashIsTheHmacOfTheValueUnderTheMeshKey() throws Exception {
    try (Mesh mesh = mesh(KEY)) {
      String hashed = emailOf(mesh, 1);
      assertEquals(hmac(KEY, RAW), hashed);
      assertNotEquals(sha256(RAW), hashed);
      assertEquals("null", emailOf(mesh, 3));
      assertEquals(hmac(KEY, RAW), HashKey.of(KEY).hash(RAW));
    }
  }

  @Test
  void deterministicWithinAMeshSoJoinsOnHashedKeysWork() throws Exception {
    try (Mesh mesh = mesh(KEY)) {
      assertEquals(emailOf(mesh, 1), emailOf(mesh, 1));
      try (Connection c = mesh.connect(ANN)) {
        assertEquals(List.of("10,1", "11,1", "12,2"), MeshTesting.rows(c, "SELECT o.id, c.id FROM sales.orders o"
            + " JOIN sales.customers c ON o.email = c.email ORDER BY o.id"));
        assertEquals(List.of("1", "2"), MeshTesting.rows(c, "SELECT COUNT(*) AS n FROM sales.orders GROUP BY email"
            + " ORDER BY n"));
      }
    }
    // The same key after a reload: the same hashes.
    try (Mesh again = mesh(KEY)) {
      assertEquals(hmac(KEY, RAW), emailOf(again, 1));
    }
  }

  @Test
  void anotherKeyGivesOtherHashes() throws Exception {
    try (Mesh one = mesh(KEY); Mesh other = mesh(OTHER_KEY)) {
      assertNotEquals(emailOf(one, 1), emailOf(other, 1));
      assertEquals(hmac(OTHER_KEY, RAW), emailOf(other, 1));
    }
  }

  @Test
  void aHashMaskWithoutAKeyFailsToLoadNamingTheSettingAndThePolicy() {
    String yaml = descriptor("");
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(MeshTesting.write(dir.resolve("keyless.yaml"), yaml)));
    assertEquals(List.of(dir.resolve("keyless.yaml") + ":" + MeshTesting.line(yaml, "- name: pii-hashed")
        + ": policy 'pii-hashed' masks with 'hash', which needs the mesh's secret key: set masking.hashKey to at"
        + " least 32 bytes, from the environment (masking: {hashKey: ${MESHKIT_MASK_KEY}})"), e.problems());

    // A domain's own hash mask too, at its line.
    String domainMask = descriptor("").replace("    products:\n      - name: customers",
        "    policies:\n      - {name: sales-hash, mask: {products: [sales.orders], columns: [id], with: hash}}\n"
            + "    products:\n      - name: customers").replace("with: hash}\n", "with: last4}\n");
    e = assertThrows(MeshException.class, () -> DescriptorReader.parse(domainMask, "mesh.yaml", dir, Map.of()));
    assertEquals(List.of("mesh.yaml:" + MeshTesting.line(domainMask, "name: sales-hash")
        + ": policy 'sales-hash' masks with 'hash', which needs the mesh's secret key: set masking.hashKey to at"
        + " least 32 bytes, from the environment (masking: {hashKey: ${MESHKIT_MASK_KEY}})"), e.problems());

    // A mesh without a hash mask needs no key.
    String noHash = descriptor("").replace("with: hash}", "with: last4}");
    assertEquals(null, DescriptorReader.parse(noHash, "mesh.yaml", dir, Map.of()).hashKey());
  }

  @Test
  void aShortKeyFailsNamingTheSettingNeverTheKey() {
    String shortKey = "too-short-a-secret";
    String yaml = descriptor("masking: {hashKey: \"" + shortKey + "\"}");
    MeshException e = assertThrows(MeshException.class, () -> DescriptorReader.parse(yaml, "mesh.yaml", dir, Map.of()));
    assertEquals(List.of("mesh.yaml:" + MeshTesting.line(yaml, "masking:") + ": masking.hashKey must be at least 32"
        + " bytes long (give a random secret from the environment, as in 'hashKey: ${MESHKIT_MASK_KEY}')"),
        e.problems());
    assertFalse(e.getMessage().contains(shortKey), e.getMessage());
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    assertEquals("HashKey[hidden]", HashKey.of("é".repeat(16)).toString());
    assertThrows(IllegalArgumentException.class, () -> HashKey.of("é".repeat(15) + "x"));
  }

  @Test
  void theKeyComesFromTheEnvironment() throws Exception {
    Path file = MeshTesting.write(dir.resolve("env.yaml"), descriptor("masking: {hashKey: \"${MESHKIT_MASK_KEY}\"}"));
    try (Mesh mesh = Mesh.builder().descriptor(file).environment(Map.of("MESHKIT_MASK_KEY", KEY)).build()) {
      assertEquals(hmac(KEY, RAW), emailOf(mesh, 1));
    }
    MeshException unset = assertThrows(MeshException.class,
        () -> Mesh.builder().descriptor(file).environment(Map.of()).build());
    assertTrue(unset.getMessage().contains("environment variable MESHKIT_MASK_KEY is not set"), unset.getMessage());
  }

  @Test
  void aMeshDeclaredInCodeGivesItsKeyToTheBuilder() throws Exception {
    Mesh.Builder builder = Mesh.builder().name("coded")
        .domain("sales", d -> d.owner("sales@acme.example").jdbcSource("erp", url, "sa", null)
            .product("customers", "Customers", "SELECT * FROM erp.customers"))
        .grant("everyone-reads", "*")
        .policy("email-hashed", "mask", Map.of("products", List.of("sales.customers"), "columns", List.of("email"),
            "with", "hash"));
    MeshException e = assertThrows(MeshException.class, builder::build);
    assertTrue(e.getMessage().contains("policy 'email-hashed' masks with 'hash'") && e.getMessage()
        .contains("masking.hashKey"), e.getMessage());
    try (Mesh mesh = builder.hashKey(KEY).build(); Connection c = mesh.connect(Principal.of("anyone"))) {
      assertEquals(List.of(hmac(KEY, RAW)), MeshTesting.rows(c, "SELECT email FROM sales.customers WHERE id = 1"));
      assertFalse(mesh.toString().contains(KEY));
    }
  }

  @Test
  void theKeyShowsNowhere() throws Exception {
    List<String> seen = new ArrayList<>();
    try (Mesh mesh = mesh(KEY)) {
      String join = "SELECT o.id, c.email FROM sales.orders o JOIN sales.customers c ON o.email = c.email";
      for (Principal who : List.of(MIA, ANN)) {
        try (Connection c = mesh.connect(who)) {
          seen.addAll(MeshTesting.rows(c, "EXPLAIN PLAN FOR " + join));
          seen.addAll(MeshTesting.rows(c, "EXPLAIN PLAN AS JSON FOR " + join));
          seen.addAll(MeshTesting.rows(c, "EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR " + join));
          seen.addAll(MeshTesting.rows(c, join));
          SQLException failure = assertThrows(SQLException.class,
              () -> MeshTesting.rows(c, "SELECT CAST(email AS INTEGER) FROM sales.customers"));
          seen.add(failure.getMessage());
          for (String table : List.of("domains", "products", "columns", "usage", "lineage", "quality")) {
            seen.addAll(MeshTesting.rows(c, "SELECT * FROM catalog." + table));
          }
        }
      }
      assertTrue(String.join("\n", seen).contains("MASK_HASH"), "a member's plan shows the mask");
      for (AuditEvent event : mesh.auditEvents()) {
        seen.add(event.toString());
        seen.add(event.toLogLine());
      }
      seen.add(mesh.report().toJson());
      seen.add(mesh.report().toMarkdown());
      seen.add(mesh.toString());
      seen.add(mesh.catalog().lineage(null, "dot"));
      seen.add(mesh.catalog().exportContract("sales.customers"));
    }
    seen.add(DescriptorReader.parse(descriptor("masking: {hashKey: \"" + KEY + "\"}"), "mesh.yaml", dir, Map.of())
        .toString());
    seen.add(HashKey.of(KEY).toString());
    for (String text : seen) {
      assertFalse(text.contains(KEY), text);
    }
  }

  @Test
  void throughTheServerTheHashesAreTheSame() throws Exception {
    try (Mesh mesh = mesh(KEY); MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      Properties props = new Properties();
      props.setProperty("authentication", "BASIC");
      props.setProperty("avatica_user", "ann");
      props.setProperty("avatica_password", "ann-pw");
      try (Connection c = DriverManager.getConnection(server.url(), props)) {
        assertEquals(List.of(hmac(KEY, RAW)), MeshTesting.rows(c, "SELECT email FROM sales.customers WHERE id = 1"));
        String plan = String.join("\n", MeshTesting.rows(c, "EXPLAIN PLAN FOR SELECT email FROM sales.customers"));
        assertFalse(plan.contains(KEY), plan);
      }
    }
  }
}
