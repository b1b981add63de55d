package dev.meshkit.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's static files, read from the class path: its own pages and scripts beside this
 * class, and ECharts from its WebJar, so the catalog needs no network beyond the server.
 */
final class Assets {

  /** ECharts' WebJar version, in the asset path so that a new version is never served from a stale cache. */
  static final String ECHARTS = "echarts/5.3.1/echarts.min.js";
  private static final String ECHARTS_RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html;charset=utf-8",
      "js", "text/javascript;charset=utf-8",
      "css", "text/css;charset=utf-8",
      "json", "application/json;charset=utf-8");
  /** The files the catalog serves: nothing else on the class path is reachable by a URL. */
  private static final Map<String, String> FILES = Map.of(
      "app.js", "dev/meshkit/web/app.js",
      "login.js", "dev/meshkit/web/login.js",
      "catalog.css", "dev/meshkit/web/catalog.css",
      ECHARTS, ECHARTS_RESOURCE);

  record Asset(String contentType, byte[] body, boolean versioned) {}

  private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

  /** An asset by its name under {@code /catalog/assets/}, or empty for one the catalog does not serve. */
  Optional<Asset> asset(String name) {
    String resource = FILES.get(name);
    return resource == null ? Optional.empty()
        : Optional.of(loaded.computeIfAbsent(name, n -> load(resource, name.equals(ECHARTS))));
  }

  /** A page or document beside this class ({@code index.html}, {@code openapi.json}). */
  Asset page(String file) {
    return loaded.computeIfAbsent(file, f -> load("dev/meshkit/web/" + f, false));
  }

  private static Asset load(String resource, boolean versioned) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the web catalog's file " + resource + " is missing from the class path"
            + (versioned ? " (add org.webjars.npm:echarts to it)" : ""));
      }
      String extension = resource.substring(resource.lastIndexOf('.') + 1);
      return new Asset(TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes(), versioned);
    } catch (IOException e) {
      throw new UncheckedIOException("the web catalog cannot read " + resource, e);
    }
  }
}
