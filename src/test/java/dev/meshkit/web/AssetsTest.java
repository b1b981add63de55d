package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ECharts is inside meshkit's own build output, not only on the test class path: an application with
 * the meshkit jar alone serves working charts.
 */
class AssetsTest {

  /** Where meshkit's classes were built (target/classes, or the jar), and nothing else. */
  private static URLClassLoader meshkitAlone() {
    URL built = Assets.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {built}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theBuiltClassesCarryEChartsAndItsLicence() throws Exception {
    try (URLClassLoader meshkit = meshkitAlone()) {
      // The WebJar's own classes are not there: the class loader really sees meshkit alone.
      assertNull(meshkit.getResource("META-INF/maven/org.webjars.npm/echarts/pom.xml"));
      try (InputStream echarts = meshkit.getResourceAsStream(Assets.ECHARTS_RESOURCE)) {
        assertNotNull(echarts, Assets.ECHARTS_RESOURCE + " is missing from " + meshkit.getURLs()[0]);
        String head = new String(echarts.readNBytes(4096), StandardCharsets.UTF_8);
        assertTrue(head.contains("echarts"), head.substring(0, Math.min(200, head.length())));
        assertTrue(echarts.transferTo(java.io.OutputStream.nullOutputStream()) > 500_000, "the whole library");
      }
      String licence = Assets.ECHARTS_RESOURCE.replace("dist/echarts.min.js", "LICENSE");
      assertNotNull(meshkit.getResource(licence), licence);
    }
  }

  @Test
  void theCatalogServesEChartsFromThere() {
    Assets assets = new Assets();
    Assets.Asset echarts = assets.asset(Assets.ECHARTS).orElseThrow();
    assertTrue(echarts.versioned());
    assertTrue(echarts.contentType().startsWith("text/javascript"));
    assertTrue(echarts.body().length > 500_000);
  }
}
