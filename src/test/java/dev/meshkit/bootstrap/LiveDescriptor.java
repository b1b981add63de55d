package dev.meshkit.bootstrap;

import dev.meshkit.MeshTesting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A descriptor in a temporary folder over an H2 database of its own, rewritten by the tests: the
 * product {@code sales.items} tags its rows with a word, so each version of the mesh is told apart
 * by what a statement reads.
 */
final class LiveDescriptor {

  static final int ROWS = 3_000;

  final Path file;
  final String url;
  final String database;

  LiveDescriptor(Path dir) throws SQLException {
    this.file = dir.resolve("mesh.yaml");
    this.database = "live_" + UUID.randomUUID().toString().replace("-", "");
    this.url = MeshTesting.h2(database, "CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(20))",
        "INSERT INTO t SELECT X, 'row' || X FROM SYSTEM_RANGE(1, " + ROWS + ")");
  }

  /** The mesh with {@code sales.items} tagged {@code tag} at {@code version}, and {@code more} appended to the domain's products. */
  String text(String tag, String version, String settings, String sourceExtra, String more) {
    return """
        name: live
        %s
        principals:
          - {name: ann, roles: [analyst]}
          - {name: aud, roles: [analyst, auditor]}
        policies:
          - name: analysts-read-all
            grant: {products: ["*"], roles: [analyst]}
          - name: auditors-read-sys
            grant: {products: ["sys.*"], roles: [auditor]}
        domains:
          - name: sales
            owner: sales-team
            sources:
              - name: db
                type: jdbc
                url: %s
                user: sa
                %s
            products:
              - name: items
                description: Every row, tagged with the version of the mesh
                version: %s
                sql: SELECT id, '%s' AS tag FROM db.t
              - name: counted
                description: How many rows there are
                version: 1.0.0
                sql: SELECT COUNT(*) AS n FROM db.t
        %s
        """.formatted(settings, url, sourceExtra, version, tag, more.indent(6));
  }

  Path write(String tag, String version) {
    return write(text(tag, version, "", "", ""));
  }

  Path write(String text) {
    return MeshTesting.write(file, text);
  }

  /** The connections H2 has open on the database now, the mesh's pools' among them. */
  int sessions() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getInt(1) - 1;
    }
  }

  /** The tag the first row of {@code sales.items} has now, for a new statement on {@code c}. */
  static String tag(Connection c) throws SQLException {
    try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tag FROM sales.items WHERE id = 1")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
