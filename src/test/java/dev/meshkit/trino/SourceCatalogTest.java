package dev.meshkit.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.meshkit.model.Location;
import dev.meshkit.model.SourceModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A catalog per source Trino can reach, credentials as environment references; the others named with the reason. */
class SourceCatalogTest {

  private static SourceModel source(String name, String type, Map<String, Object> settings) {
    return new SourceModel(name, type, settings, new Location("mesh.yaml", 3));
  }

  @Test
  void postgresqlKeepsItsUrlAndReadsItsSchema() {
    SourceCatalog catalog = SourceCatalog.of("sales", source("erp", "jdbc", Map.of(
        "url", "jdbc:postgresql://db:5432/shop?currentSchema=erp", "user", "app", "password", "s3cret")));
    assertNull(catalog.unsupported());
    assertEquals("sales_erp", catalog.name());
    assertEquals("erp", catalog.defaultSchema());
    assertEquals("# Source erp of domain sales, exported by meshkit\nconnector.name=postgresql\n"
        + "connection-url=jdbc:postgresql://db:5432/shop?currentSchema=erp\n"
        + "connection-user=${ENV:MESHKIT_SALES_ERP_USER}\nconnection-password=${ENV:MESHKIT_SALES_ERP_PASSWORD}\n",
        catalog.propertiesText());
    assertFalse(catalog.propertiesText().contains("s3cret"));
    assertEquals(List.of("MESHKIT_SALES_ERP_USER", "MESHKIT_SALES_ERP_PASSWORD"), catalog.environment());
  }

  @Test
  void credentialsInTheUrlStayBehindAndBecomeEnvironmentReferences() {
    SourceCatalog pg = SourceCatalog.of("sales", source("erp", "jdbc", Map.of(
        "url", "jdbc:postgresql://db/shop?user=app&password=s3cret&sslmode=require")));
    assertEquals("connection-url=jdbc:postgresql://db/shop?sslmode=require", pg.propertiesText().lines().skip(2)
        .findFirst().orElseThrow());
    assertEquals(List.of("MESHKIT_SALES_ERP_USER", "MESHKIT_SALES_ERP_PASSWORD"), pg.environment());
    SourceCatalog maria = SourceCatalog.of("ref", source("mdm", "jdbc", Map.of(
        "url", "jdbc:mariadb://app:s3cret@h:3306/master?password=s3cret")));
    assertFalse(maria.propertiesText().contains("s3cret"), maria.propertiesText());
    assertEquals(List.of("MESHKIT_REF_MDM_USER", "MESHKIT_REF_MDM_PASSWORD"), maria.environment());
  }

  @Test
  void mariadbAndMysqlNameTheServerAndTheirDatabaseIsTheSchema() {
    SourceCatalog maria = SourceCatalog.of("ref", source("mdm", "jdbc", Map.of("url", "jdbc:mariadb://h:3306/master")));
    assertEquals("connector.name=mariadb\nconnection-url=jdbc:mariadb://h:3306\n",
        maria.propertiesText().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
    assertEquals("master", maria.defaultSchema());
    SourceCatalog mysql = SourceCatalog.of("ref", source("my", "jdbc", Map.of("url", "jdbc:mysql://h/x", "catalog", "Y")));
    assertEquals("y", mysql.defaultSchema());
    assertEquals("source db of domain ref (type jdbc): its URL names no database and it sets no catalog, so its"
        + " tables have no schema in Trino",
        SourceCatalog.of("ref", source("db", "jdbc", Map.of("url", "jdbc:mariadb://h:3306"))).unsupported());
  }

  @Test
  void sourcesWithoutATrinoConnectorAreNamedWithTheReason() {
    assertEquals("source erp of domain sales (type jdbc): Trino has no connector for h2 databases",
        SourceCatalog.of("sales", source("erp", "jdbc", Map.of("url", "jdbc:h2:mem:x"))).unsupported());
    assertEquals("source files of domain ref (type csv): source type csv has no Trino catalog here: Trino reads"
        + " files only as Hive tables over a metastore, with declared column types, while meshkit infers them from"
        + " the files", SourceCatalog.of("ref", source("files", "csv", Map.of("path", "."))).unsupported());
  }
}
