package dev.meshkit.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.BearerAuthenticateable;
import org.apache.calcite.avatica.remote.BearerTokenProvider;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;

/**
 * The HTTP transport under Avatica's protobuf client, on the JDK's own HTTP client: it sends the
 * credentials with every request (no challenge round trip), and turns what the stock transport
 * reports as "got HTTP/401" or a server's error into a {@link RemoteFailure} with a sentence and
 * SQLState. Avatica creates it by name ({@code httpclient_impl}); applications do not use it.
 */
public final class HttpChannel implements AvaticaHttpClient, UsernamePasswordAuthenticateable,
    BearerAuthenticateable {

  /** One client for every connection: it is thread-safe, and each has threads of its own. */
  static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(30))
      .build();
  private static final ProtobufTranslationImpl WIRE = new ProtobufTranslationImpl();

  private final URI uri;
  private volatile String authorization;
  private volatile String user;

  public HttpChannel(URL url) {
    try {
      this.uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new RemoteFailure("the server address is not a valid URL", "08001", 0);
    }
  }

  @Override
  public void setUsernamePassword(AuthenticationType authType, String username, String password) {
    this.user = username;
    this.authorization = basic(username, password);
  }

  @Override
  public void setTokenProvider(String username, BearerTokenProvider tokenProvider) {
    String token = tokenProvider.obtain(username);
    this.authorization = token == null ? null : "Bearer " + token;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] send(byte[] request) {
    HttpRequest.Builder post = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    String auth = authorization;
    if (auth != null) {
      post.header("Authorization", auth);
    }
    HttpResponse<byte[]> response = exchange(HTTP, post.build(), uri, HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    if (status == 500) {
      return serverError(response.body());
    }
    throw refused(status, user, auth != null);
  }

  /**
   * Avatica reconnects on its "missing connection" answer and retries a statement the server lost,
   * so those go back to it; any other error leaves as the server's sentence and SQLState.
   */
  private static byte[] serverError(byte[] body) {
    Service.Response answer;
    try {
      answer = WIRE.parseResponse(body);
    } catch (IOException | RuntimeException e) {
      throw new RemoteFailure("the meshkit server answered with an error the client cannot read", "08S01", 0);
    }
    if (answer instanceof Service.ErrorResponse error && error.errorCode != Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
      throw new RemoteFailure(error.errorMessage, error.sqlState == null ? "HY000" : error.sqlState, error.errorCode);
    }
    return body;
  }

  /** What an HTTP status other than 200 and 500 means to a JDBC application. */
  static RemoteFailure refused(int status, String user, boolean credentials) {
    if (status == 401) {
      if (!credentials) {
        return new RemoteFailure("the meshkit server requires a login: set the connection properties user and password"
            + " (or token)", "28000", 401);
      }
      return new RemoteFailure("the meshkit server refused the login" + (user != null ? " of user '" + user + "'" : "")
          + ": wrong user name, password or token", "28000", 401);
    }
    if (status == 403) {
      return new RemoteFailure("the meshkit server refused the request (HTTP 403)", "28000", 403);
    }
    if (status == 404 || status == 405) {
      return new RemoteFailure("no meshkit server answers at this address (HTTP " + status + "); check the URL's"
          + " host, port and path", "08001", status);
    }
    return new RemoteFailure("the meshkit server answered HTTP " + status, "08S01", status);
  }

  /** One request, with what can go wrong on the way as a sentence: server down, timed out, interrupted. */
  static <T> HttpResponse<T> exchange(HttpClient http, HttpRequest request, URI uri, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request, body);
    } catch (ConnectException e) {
      throw new RemoteFailure("cannot reach the meshkit server at " + address(uri) + ": connection refused (is it"
          + " running, and are host and port right?)", "08001", 0);
    } catch (HttpTimeoutException e) {
      throw new RemoteFailure("the meshkit server at " + address(uri) + " did not answer in time", "08001", 0);
    } catch (IOException e) {
      throw new RemoteFailure("the connection to the meshkit server at " + address(uri) + " failed: "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), "08S01", 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteFailure("interrupted while waiting for the meshkit server", "HY008", 0);
    }
  }

  private static String address(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
