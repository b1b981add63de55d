package dev.meshkit.server;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.web.Credentials;
import dev.meshkit.web.WebCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request: authenticate it, then answer its Avatica protobuf message (or, on the
 * {@link ControlEndpoint}'s paths, its control form) as the principal the authenticator returned.
 * Nothing reaches the mesh without a principal. The web catalog's paths go to the {@link WebCatalog},
 * which authenticates with the same authenticator (or its login's session cookie).
 */
final class MeshHandler extends AbstractHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);
  private static final Logger ERRORS = LoggerFactory.getLogger("meshkit.errors");
  /** Avatica messages are small; a bigger body is a mistake or an attack, not a query. */
  private static final long MAX_BODY = 16L << 20;

  private final Authenticator authenticator;
  private final MeshProtobufHandler protobuf;
  private final FailedLogins failedLogins;
  private final ControlEndpoint control;
  /** The web catalog on its paths, or null when the server does not serve it. */
  private final WebCatalog web;

  MeshHandler(Authenticator authenticator, MeshProtobufHandler protobuf, FailedLogins failedLogins,
      ControlEndpoint control, Mesh mesh, boolean webCatalog) {
    this.authenticator = authenticator;
    this.protobuf = protobuf;
    this.failedLogins = failedLogins;
    this.control = control;
    this.web = webCatalog ? new WebCatalog(mesh, new Credentials() {
      @Override
      public Optional<Principal> check(String authorization, String remoteAddress) {
        return credentials(authorization, remoteAddress);
      }

      @Override
      public String challenge() {
        return authenticator.challenge();
      }
    }) : null;
  }

  /** The web catalog's logins: the same authenticator, and refusals counted and logged with the endpoint's. */
  private Optional<Principal> credentials(String authorization, String remoteAddress) {
    Optional<Principal> principal;
    try {
      principal = authenticator.authenticate(authorization);
    } catch (RuntimeException e) {
      LOG.warn("the authenticator failed on a request from {}: {}", remoteAddress, e.toString());
      throw new IllegalStateException("the authenticator failed", e);
    }
    if (principal == null || principal.isEmpty()) {
      failedLogins.refused(authorization, remoteAddress);
      return Optional.empty();
    }
    return principal;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    base.setHandled(true);
    if (web != null && WebCatalog.serves(target)) {
      web.handle(target, request, response);
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
          "meshkit serves remote JDBC: connect with jdbc:avatica:remote:url=...;serialization=PROTOBUF");
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY) {
      plain(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body over " + MAX_BODY + " bytes");
      return;
    }
    Optional<Principal> principal;
    String authorization = request.getHeader("Authorization");
    try {
      principal = authenticator.authenticate(authorization);
    } catch (RuntimeException e) {
      LOG.warn("the authenticator failed on a request from {}: {}", request.getRemoteAddr(), e.toString());
      error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "The server could not check the credentials");
      return;
    }
    if (principal == null || principal.isEmpty()) {
      if (authorization == null || authorization.isBlank()) {
        // Clients first send no credentials and expect this challenge.
        LOG.debug("challenged a request from {} without credentials", request.getRemoteAddr());
      } else {
        failedLogins.refused(authorization, request.getRemoteAddr());
      }
      request.getInputStream().transferTo(OutputStream.nullOutputStream());
      response.setHeader("WWW-Authenticate", authenticator.challenge());
      error(response, HttpServletResponse.SC_UNAUTHORIZED,
          "Authentication required: wrong or missing credentials for the meshkit server");
      return;
    }
    if (ControlEndpoint.serves(target)) {
      control.handle(target, principal.get(), request, response);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      plain(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body over " + MAX_BODY + " bytes");
      return;
    }
    HandlerResponse<byte[]> answer;
    Error fatal = null;
    MeshMeta.CALLER.set(principal.get());
    try {
      answer = protobuf.apply(body);
    } catch (RuntimeException | Error e) {
      // Avatica answers exceptions itself; what escapes it must not reach Jetty, whose error page quotes it.
      ERRORS.debug("the server could not answer a request", e);
      answer = new HandlerResponse<>(MeshProtobufHandler.serialize(MeshProtobufHandler.failed(null)),
          HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      fatal = e instanceof VirtualMachineError && !(e instanceof StackOverflowError) ? (Error) e : null;
    } finally {
      MeshMeta.CALLER.remove();
    }
    response.setStatus(answer.getStatusCode());
    response.setContentType("application/octet-stream");
    response.getOutputStream().write(answer.getResponse());
    if (fatal != null) {
      throw fatal;
    }
  }

  /** An Avatica error message, which clients that read the body can show. */
  private static void error(HttpServletResponse response, int status, String message) throws IOException {
    ErrorResponse error = new ErrorResponse(List.of(), message, status, "28000", AvaticaSeverity.ERROR, null);
    response.setStatus(status);
    response.setContentType("application/octet-stream");
    response.getOutputStream().write(MeshProtobufHandler.serialize(error));
  }

  private static void plain(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
  }
}
