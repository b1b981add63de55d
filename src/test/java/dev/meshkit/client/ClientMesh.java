package dev.meshkit.client;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;

import dev.meshkit.Mesh;
import dev.meshkit.PasswordHasher;
import dev.meshkit.server.MeshServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/**
 * A mesh served on loopback for the remote client's tests, loaded from a descriptor: {@code t.types}
 * (one row of every JDBC type the mesh carries, id 1, and one of NULLs, id 2), {@code t.types_v1}
 * (deprecated, so reading it warns), and {@code a.n} and {@code b.m} (3,000 rows each in two H2
 * databases, so that a cross join of them runs long in the JVM). Principals ann and bert, with
 * passwords, read everything.
 */
final class ClientMesh implements AutoCloseable {

  static final String PASSWORD = "ann-secret";
  static final String BERT_PASSWORD = "bert-secret";
  static final int ROWS = 3000;
  /** A cross join in the JVM that runs for hours unless stopped. */
  static final String LONG_QUERY = "SELECT COUNT(*) FROM a.n x, b.m y, b.m z WHERE x.v + y.v + z.v < 0";

  final Mesh mesh;
  final MeshServer server;
  /** {@code jdbc:meshkit:remote:http://127.0.0.1:<port>} */
  final String url;

  ClientMesh(Path dir) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String types = h2("client_t_" + id,
        "CREATE TABLE types(id INT PRIMARY KEY, i INT, bi BIGINT, si SMALLINT, ti TINYINT, num DECIMAL(12,3),"
            + " dbl DOUBLE, r REAL, b BOOLEAN, s VARCHAR(20), c CHAR(3), bin VARBINARY(8), d DATE, tm TIME,"
            + " ts TIMESTAMP(3), tstz TIMESTAMP WITH TIME ZONE)",
        "INSERT INTO types VALUES (1, 42, 9000000000, 7, 3, 12345.678, 2.5, 1.5, TRUE, 'churn', 'ab', X'0102FF',"
            + " DATE '1850-06-15', TIME '13:45:10', TIMESTAMP '2026-11-01 01:30:00.250',"
            + " TIMESTAMP WITH TIME ZONE '2026-03-08 02:30:00+01:00')",
        "INSERT INTO types(id) VALUES (2)");
    String a = h2("client_a_" + id, "CREATE TABLE n(i INT PRIMARY KEY, v INT)",
        "INSERT INTO n SELECT X, MOD(X, 97) FROM SYSTEM_RANGE(1, " + ROWS + ")");
    String b = h2("client_b_" + id, "CREATE TABLE m(i INT PRIMARY KEY, v INT)",
        "INSERT INTO m SELECT X, MOD(X, 89) FROM SYSTEM_RANGE(1, " + ROWS + ")");
    Path descriptor = write(dir.resolve("client-" + id + ".yaml"), """
        name: client
        domains:
          - name: t
            owner: t@example.com
            sources:
              - {name: db, type: jdbc, url: "%1$s", user: sa, password: ""}
            products:
              - {name: types, description: every type, sql: "SELECT * FROM db.types"}
              - name: types_v1
                description: the first types product
                status: deprecated
                deprecation: {replacedBy: t.types, sunset: 2027-06-30, note: "Use t.types"}
                sql: SELECT id, i FROM db.types
          - name: a
            owner: a@example.com
            sources:
              - {name: db, type: jdbc, url: "%2$s;QUERY_CACHE_SIZE=0", user: sa, password: ""}
            products:
              - {name: n, description: numbers, sql: "SELECT * FROM db.n", primaryKey: [i]}
          - name: b
            owner: b@example.com
            sources:
              - {name: db, type: jdbc, url: "%3$s;QUERY_CACHE_SIZE=0", user: sa, password: ""}
            products:
              - name: m
                description: more numbers
                sql: SELECT * FROM db.m
                columns:
                  - {name: i, required: true, unique: true, references: a.n.i}
                  - {name: v, unique: true}
        principals:
          - {name: ann, roles: [analyst], password: "%4$s"}
          - {name: bert, roles: [analyst], password: "%5$s"}
        policies:
          - name: analysts-read-everything
            grant: {products: ["*"], roles: [analyst]}
        """.formatted(types, a, b, PasswordHasher.hash(PASSWORD.toCharArray()),
        PasswordHasher.hash(BERT_PASSWORD.toCharArray())));
    this.mesh = Mesh.fromYaml(descriptor);
    this.server = MeshServer.builder(mesh).port(0).start();
    this.url = "jdbc:meshkit:remote:http://127.0.0.1:" + server.port();
  }

  Connection embedded() throws SQLException {
    return mesh.connect(mesh.principal("ann").orElseThrow());
  }

  Connection remote() throws SQLException {
    return remote("ann", PASSWORD);
  }

  Connection remote(String user, String password) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", password);
    return DriverManager.getConnection(url, login);
  }

  @Override
  public void close() {
    server.close();
    mesh.close();
  }
}
