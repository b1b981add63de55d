package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.server.MeshServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web catalog as docs/catalog-web.md shows it, on the example mesh. */
class WebCatalogSnippetsTest {

  private static Mesh mesh;

  @BeforeAll
  static void load() {
    mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @Test
  void theServerServesTheCatalogWhenAskedTo() throws Exception {
    // snippet:web-catalog-server
    MeshServer server = MeshServer.builder(mesh)
        .port(0)
        .webCatalog(true)          // pages at /catalog/, JSON at /api/v1/; off by default
        .start();
    String catalog = server.catalogUrl().orElseThrow();   // http://127.0.0.1:PORT/catalog/
    // end:web-catalog-server
    try (server) {
      String ann = "Basic " + Base64.getEncoder().encodeToString("ann:ann-demo".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> products = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(catalog.replace("/catalog/", "/api/v1/products?q=orders"))).header("Authorization", ann).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, products.statusCode());
      assertTrue(products.body().contains("\"product_name\":\"orders\""), products.body());
    }
  }
}
