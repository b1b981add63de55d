package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The packaged meshkit jar, after {@code mvn package}: it carries ECharts and its licence, so an
 * application with the meshkit jar alone (and no WebJar) serves working charts.
 */
class EChartsJarIT {

  static final Path MAIN_JAR = Path.of(System.getProperty("meshkit.main.jar", "target/missing.jar"));

  @Test
  void theMeshkitJarAloneHoldsTheFileTheCatalogServes() throws Exception {
    assertTrue(Files.isRegularFile(MAIN_JAR), MAIN_JAR + " is missing: run mvn package first");
    try (URLClassLoader jarAlone = new URLClassLoader(new URL[] {MAIN_JAR.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      try (InputStream echarts = jarAlone.getResourceAsStream(Assets.ECHARTS_RESOURCE)) {
        assertNotNull(echarts, Assets.ECHARTS_RESOURCE + " is not in " + MAIN_JAR);
        assertTrue(echarts.readAllBytes().length > 500_000, "the whole library");
      }
      assertNotNull(jarAlone.getResource(Assets.ECHARTS_RESOURCE.replace("dist/echarts.min.js", "LICENSE")));
      assertNotNull(jarAlone.getResource(Assets.ECHARTS_RESOURCE.replace("dist/echarts.min.js", "NOTICE")));
    }
  }
}
