package dev.meshkit.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshException;
import dev.meshkit.model.MetadataStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code settings: metadataStore}: its fields, defaults and the mistakes it reports. */
class MetadataStoreSettingTest {

  private static String mesh(String store) {
    return """
        name: m
        settings:
          metadataStore: %s
        domains:
          - name: d
            sources: [{name: s, type: jdbc, url: "jdbc:h2:mem:x"}]
            products: [{name: p, sql: "SELECT 1 AS one"}]
        """.formatted(store);
  }

  private static MetadataStoreSettings read(String store, Map<String, String> env) {
    return DescriptorReader.parse(mesh(store), "mesh.yaml", Path.of("."), env).settings().metadataStore();
  }

  @Test
  void readsEveryFieldWithTheEnvironmentSubstituted() {
    MetadataStoreSettings s = read("{url: \"jdbc:postgresql://db/meta\", user: meshkit, password: \"${PW}\","
        + " auditRetention: 30d}", Map.of("PW", "s3cret"));
    assertEquals("jdbc:postgresql://db/meta", s.url());
    assertEquals("meshkit", s.user());
    assertEquals("s3cret", s.password());
    assertEquals(Duration.ofDays(30), s.auditRetention());
    assertTrue(s.enabled());
    assertFalse(s.toString().contains("s3cret"), s.toString());
  }

  @Test
  void absentItIsTheFileBesideTheDescriptor() {
    MetadataStoreSettings s = DescriptorReader.parse(mesh("{}").replace("settings:\n  metadataStore: {}\n", ""),
        "mesh.yaml", Path.of("."), Map.of()).settings().metadataStore();
    assertEquals(MetadataStoreSettings.DEFAULTS, s);
    assertEquals(Duration.ofDays(90), s.auditRetention());
    assertFalse(read("{enabled: false}", Map.of()).enabled());
  }

  @Test
  void mistakesAreReportedWithTheirLines() {
    MeshException e = assertThrows(MeshException.class, () -> read("{url: \"postgresql://db\", path: here,"
        + " auditRetention: forever, colour: blue}", Map.of()));
    String message = String.join("\n", e.problems());
    assertTrue(message.contains("must be a JDBC URL starting with 'jdbc:'"), message);
    assertTrue(message.contains("give one or the other"), message);
    assertTrue(message.contains("must be a duration such as 30m, 24h or 7d"), message);
    assertTrue(message.contains("colour"), message);
    assertTrue(message.contains("mesh.yaml:3"), message);
  }
}
