package dev.meshkit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;

/** The headers every catalog answer carries, and JSON answers and errors. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Scripts, styles and data from this origin only: no inline script or style, no framing. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'";

  private Http() {}

  static void securityHeaders(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  }

  /** Pages and data answers depend on who asks and change at any time: never stored. */
  static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Vary", "Cookie, Authorization");
  }

  static void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
    noStore(response);
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

  static void error(HttpServletResponse response, int status, String message, String sqlState) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    body.put("status", status);
    if (sqlState != null) {
      body.put("sqlState", sqlState);
    }
    json(response, status, body);
  }

  static void bytes(HttpServletResponse response, String contentType, byte[] body) throws IOException {
    response.setStatus(200);
    response.setContentType(contentType);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
