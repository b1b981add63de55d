package dev.meshkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading tells its listener about every source and product, in order, with a fixed total. */
class LoadListenerTest {

  @TempDir
  Path dir;

  @Test
  void everySourceThenEveryProduct() throws Exception {
    String url = MeshTesting.h2("load_listener", "CREATE TABLE t(id INT)");
    MeshTesting.write(dir.resolve("files/a.csv"), "x\n1\n");
    Path descriptor = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: steps
        domains:
          - name: first
            owner: first@x.example
            sources: [{name: db, type: jdbc, url: "%s", user: sa}]
            products:
              - {name: p, description: P, sql: "SELECT * FROM db.t"}
              - {name: q, description: Q, sql: "SELECT * FROM first.p"}
          - name: two
            owner: two@x.example
            sources: [{name: files, type: csv, path: ./files}]
            products: [{name: a, description: A, sql: "SELECT * FROM files.a"}]
        """.formatted(url));
    List<String> steps = new ArrayList<>();
    try (Mesh mesh = Mesh.builder().descriptor(descriptor)
        .loadListener((step, done, total) -> steps.add(done + "/" + total + " " + step)).build()) {
      assertEquals(List.of("0/5 source first.db", "1/5 source two.files", "2/5 product first.p", "3/5 product first.q",
          "4/5 product two.a"), steps);
    }
  }
}
