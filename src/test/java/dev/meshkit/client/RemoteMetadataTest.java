package dev.meshkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tools read remotely is what the embedded driver reports: keys, which Avatica's protocol
 * cannot ask for and which come through the control endpoint (same columns, rows and order), and
 * the description of result columns.
 */
class RemoteMetadataTest {

  @TempDir
  static Path dir;
  static ClientMesh fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ClientMesh(dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @FunctionalInterface
  interface Keys {
    ResultSet of(DatabaseMetaData meta) throws SQLException;
  }

  @Test
  void keysAreTheEmbeddedDriversWhateverCaseTheToolSends() throws Exception {
    List<Keys> calls = List.of(
        meta -> meta.getPrimaryKeys(null, "a", "n"),
        meta -> meta.getPrimaryKeys(null, "B", "M"),
        meta -> meta.getIndexInfo(null, "b", "m", true, false),
        meta -> meta.getImportedKeys(null, "b", "m"),
        meta -> meta.getExportedKeys(null, "A", "N"),
        meta -> meta.getCrossReference(null, "a", "n", null, "b", "m"),
        meta -> meta.getPrimaryKeys(null, null, null));
    try (Connection embedded = fixture.embedded(); Connection remote = fixture.remote()) {
      for (Keys call : calls) {
        List<String> expected = rows(call.of(embedded.getMetaData()));
        assertFalse(expected.isEmpty(), "no keys to compare");
        assertEquals(expected, rows(call.of(remote.getMetaData())));
      }
      assertEquals(List.of("PKTABLE_NAME=n, PKCOLUMN_NAME=i, FKTABLE_NAME=m, FKCOLUMN_NAME=i"),
          rows(remote.getMetaData().getImportedKeys(null, "b", "m"), "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME",
              "FKCOLUMN_NAME"));
      assertEquals(List.of("INDEX_NAME=pk_m, COLUMN_NAME=i", "INDEX_NAME=uq_m_v, COLUMN_NAME=v"),
          rows(remote.getMetaData().getIndexInfo(null, "b", "m", true, false), "INDEX_NAME", "COLUMN_NAME"));
    }
  }

  @Test
  void resultColumnsAreDescribedAsEmbedded() throws Exception {
    try (Connection embedded = fixture.embedded(); Connection remote = fixture.remote()) {
      assertEquals(columns(embedded), columns(remote));
      assertTrue(columns(remote).contains("d DATE 10"), columns(remote)::toString);
    }
  }

  private static List<String> columns(Connection c) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM T.TYPES")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + " " + meta.getColumnTypeName(i) + " " + meta.getPrecision(i));
      }
    }
    return columns;
  }

  @Test
  void theProductIsTheMeshAndTheDriverMeshkits() throws Exception {
    try (Connection embedded = fixture.embedded(); Connection remote = fixture.remote()) {
      DatabaseMetaData local = embedded.getMetaData();
      DatabaseMetaData meta = remote.getMetaData();
      assertEquals("meshkit", meta.getDatabaseProductName());
      assertEquals(local.getDatabaseProductVersion(), meta.getDatabaseProductVersion());
      assertEquals(local.getDatabaseMajorVersion(), meta.getDatabaseMajorVersion());
      assertEquals(local.getDatabaseMinorVersion(), meta.getDatabaseMinorVersion());
      assertEquals("meshkit remote client", meta.getDriverName());
      assertEquals(remote.getMetaData().getDriverMajorVersion(), DriverManager.getDriver(fixture.url).getMajorVersion());
    }
  }

  @Test
  void capabilityQuestionsAreAnswered() throws Exception {
    try (Connection remote = fixture.remote()) {
      DatabaseMetaData meta = remote.getMetaData();
      assertFalse(meta.insertsAreDetected(ResultSet.TYPE_FORWARD_ONLY) || meta.ownDeletesAreVisible(
          ResultSet.TYPE_FORWARD_ONLY) || meta.othersUpdatesAreVisible(ResultSet.TYPE_SCROLL_INSENSITIVE));
      assertTrue(meta.supportsResultSetHoldability(meta.getResultSetHoldability()));
      assertTrue(meta.isReadOnly());
      assertTrue(remote.isReadOnly());
    }
  }

  /** Every column by label and value, so that labels, types as text and order all count. */
  private static List<String> rows(ResultSet rs, String... only) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        if (only.length == 0) {
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            values.add(meta.getColumnLabel(i) + "=" + rs.getString(i));
          }
        } else {
          for (String column : only) {
            values.add(column + "=" + rs.getString(column));
          }
        }
        rows.add(String.join(", ", values));
      }
    }
    return rows;
  }
}
