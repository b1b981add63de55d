package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Feedback;
import dev.meshkit.Mesh;
import dev.meshkit.MeshFeedback;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import dev.meshkit.store.StoreMeshes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata store and feedback as docs/metadata-store.md shows them. */
class MetadataStoreSnippetsTest {

  @TempDir
  Path dir;

  private Path descriptor() throws Exception {
    String url = MeshTesting.h2("snippets_store" + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10)");
    return MeshTesting.write(dir.resolve("mesh.yaml"), StoreMeshes.descriptor(url, ""));
  }

  @Test
  void builderChoices() throws Exception {
    Path descriptor = descriptor();
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:snippets_store_db" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Path stateFolder = dir.resolve("state");
    // snippet:store-builder
    Mesh shared = Mesh.builder().descriptor(descriptor).metadataStore(dataSource).build();  // this database, left open at close
    Mesh local = Mesh.builder().descriptor(descriptor).metadataStore(stateFolder).build();  // an H2 file in that folder
    Mesh fresh = Mesh.builder().descriptor(descriptor).metadataStoreInMemory().build();     // nothing outlives the mesh
    // end:store-builder
    shared.close();
    local.close();
    fresh.close();
    try (var c = dataSource.getConnection(); var rs = c.createStatement()
        .executeQuery("SELECT MAX(version) FROM meshkit_schema_version")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
    assertEquals(true, Files.isRegularFile(stateFolder.resolve("metadata.mv.db")));
  }

  @Test
  void feedback() throws Exception {
    try (Mesh mesh = Mesh.builder().descriptor(descriptor()).metadataStoreInMemory().build()) {
      // snippet:feedback-api
      MeshFeedback feedback = mesh.feedback();
      Principal ann = Principal.of("ann", "analyst");
      feedback.rate(ann, "sales.orders", 4, "Complete and fresh");
      Feedback problem = feedback.reportProblem(ann, "sales.orders", "Amounts of March are doubled");
      feedback.resolve(Principal.of("sam"), problem.id());             // sam is a member of sales
      List<Feedback> all = feedback.list(ann, "sales.orders");          // newest first
      // end:feedback-api
      assertEquals(2, all.size());
      assertEquals(Feedback.Status.RESOLVED,
          all.stream().filter(f -> f.kind() == Feedback.Kind.PROBLEM).findFirst().orElseThrow().status());
    }
  }
}
