package dev.meshkit.server;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection or statement id is usable only by the user who opened it. The forger speaks
 * Avatica's protobuf protocol directly, authenticated as bert, with ids taken from ann's client.
 */
class ConnectionOwnershipTest {

  private static final ProtobufTranslation WIRE = new ProtobufTranslationImpl();

  @TempDir
  static Path dir;
  static ServerMesh fixture;
  static MeshServer server;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerMesh(dir);
    server = MeshServer.builder(fixture.mesh).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  @Test
  void anotherUsersConnectionAndStatementIdsAreRefused() throws Exception {
    try (Connection ann = ServerMesh.connect(server, "ann", "ann-secret");
        Statement annStatement = ann.createStatement();
        ResultSet annRows = annStatement.executeQuery("SELECT phone FROM sales.customer ORDER BY customer_id")) {
      String annConnection = ann.unwrap(AvaticaConnection.class).id;
      int annStatementId = annStatement.unwrap(AvaticaStatement.class).getId();

      Service.Response createOnAnns = asBert(new Service.CreateStatementRequest(annConnection));
      assertRefused(createOnAnns);
      assertRefused(asBert(new Service.PrepareAndExecuteRequest(annConnection, annStatementId,
          "SELECT * FROM sales.orders", -1)));
      assertRefused(asBert(new Service.FetchRequest(annConnection, annStatementId, 0, 100)));
      assertRefused(asBert(new Service.CloseConnectionRequest(annConnection)));
      assertRefused(asBert(new Service.OpenConnectionRequest(annConnection, Map.of())));

      // Bert's own connection with ann's statement id: the statement is not his connection's.
      String bertConnection = UUID.randomUUID().toString();
      assertInstanceOf(Service.OpenConnectionResponse.class, asBert(new Service.OpenConnectionRequest(bertConnection, Map.of())));
      // Avatica answers an unknown statement with "missing statement" and no rows.
      Service.FetchResponse fetchAnns = assertInstanceOf(Service.FetchResponse.class,
          asBert(new Service.FetchRequest(bertConnection, annStatementId, 0, 100)));
      assertTrue(fetchAnns.missingStatement);
      assertTrue(fetchAnns.frame == null || !fetchAnns.frame.rows.iterator().hasNext());
      assertInstanceOf(Service.CloseConnectionResponse.class, asBert(new Service.CloseConnectionRequest(bertConnection)));

      // Ann's connection and statement were left alone.
      assertEquals(5, rows(annRows).size());
      assertEquals(List.of("5"), rows(ann, "SELECT COUNT(*) FROM sales.customer"));
    }
  }

  private static void assertRefused(Service.Response response) {
    Service.ErrorResponse error = assertInstanceOf(Service.ErrorResponse.class, response);
    assertTrue(error.errorMessage.contains("belongs to another user"), error.errorMessage);
    assertEquals("28000", error.sqlState);
  }

  private static Service.Response asBert(Service.Request request) throws Exception {
    String base = server.url().replaceAll(".*url=([^;]+);.*", "$1");
    String basic = Base64.getEncoder().encodeToString("bert:bert-secret".getBytes(StandardCharsets.UTF_8));
    HttpRequest http = HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofByteArray(WIRE.serializeRequest(request))).build();
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(http, HttpResponse.BodyHandlers.ofByteArray());
    return WIRE.parseResponse(response.body());
  }
}
