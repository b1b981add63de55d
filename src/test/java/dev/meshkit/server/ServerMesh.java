package dev.meshkit.server;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;

import dev.meshkit.Mesh;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The example mesh's shape for server tests, loaded from a descriptor: sales.customer (phone
 * tagged pii) and sales.orders (50,000 rows) in an H2 database of its own, principals ann
 * (analyst), cora (analyst, compliance), bert (partner, nation 2) with hashed passwords and dave
 * (analyst) without one; analysts read everything, partners read customers of their nation, and
 * phones are masked to their last four digits except for compliance. H2's result cache is off, so
 * repeated queries (as in the benchmark) really run.
 */
final class ServerMesh implements AutoCloseable {

  static final Map<String, String> PASSWORDS = Map.of("ann", "ann-secret", "cora", "cora-secret", "bert", "bert-secret");
  static final int ORDERS = 50_000;

  final Mesh mesh;
  /** The JMX name of the sales source's HikariCP pool, unique to this mesh. */
  final ObjectName pool;

  ServerMesh(Path dir) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String source = "erp_" + id;
    String url = h2("srv_" + id,
        "CREATE TABLE customer(customer_id INT PRIMARY KEY, name VARCHAR(20), nation_id INT, phone VARCHAR(20))",
        "INSERT INTO customer VALUES (1, 'Alba', 1, '+34 600 100 101'), (2, 'Bodo', 2, '+49 170 200 202'),"
            + " (3, 'Cleo', 2, '+33 6 300 303'), (4, 'Dima', 3, '+7 900 400 404'), (5, 'Eero', 4, '+358 40 500 505')",
        "CREATE TABLE orders(order_id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))",
        "INSERT INTO orders SELECT X, MOD(X, 5) + 1, X * 1.5 FROM SYSTEM_RANGE(1, " + ORDERS + ")");
    StringBuilder principals = new StringBuilder();
    principals.append("  - {name: ann, roles: [analyst], password: \"").append(hash("ann")).append("\"}\n");
    principals.append("  - {name: cora, roles: [analyst, compliance], password: \"").append(hash("cora")).append("\"}\n");
    principals.append("  - {name: bert, roles: [partner], attributes: {nation: \"2\"}, password: \"")
        .append(hash("bert")).append("\"}\n");
    principals.append("  - {name: dave, roles: [analyst]}\n");
    Path descriptor = write(dir.resolve("mesh-" + id + ".yaml"), """
        name: served
        domains:
          - name: sales
            owner: sales@example.com
            description: Customers and orders
            sources:
              - {name: %1$s, type: jdbc, url: "%2$s", user: sa, password: "", pool: {maximumPoolSize: 4, registerMbeans: true}}
            products:
              - name: customer
                description: One row per customer
                sql: SELECT * FROM %1$s.customer
                columns:
                  - {name: phone, tags: [pii]}
              - {name: orders, description: One row per order, sql: "SELECT * FROM %1$s.orders"}
        principals:
        %3$s
        policies:
          - name: analysts-read-everything
            grant: {products: ["*"], roles: [analyst]}
          - name: partners-read-customers
            grant: {products: ["sales.customer"], roles: [partner]}
          - name: partners-see-their-nation
            rowFilter: {products: ["sales.customer"], roles: [partner], where: "nation_id = :nation"}
          - name: pii-last-four
            mask: {tags: [pii], exceptRoles: [compliance], with: last4}
        """.formatted(source, url + ";QUERY_CACHE_SIZE=0", principals.toString().stripTrailing()));
    this.mesh = Mesh.fromYaml(descriptor);
    try {
      this.pool = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-sales." + source + ")");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hashes are made per run, so no test depends on a stored hash. */
  private static String hash(String user) {
    return PasswordHasher.hash(PASSWORDS.get(user).toCharArray());
  }

  Principal principal(String name) {
    return mesh.principal(name).orElseThrow();
  }

  /** Source connections checked out of the pool right now. */
  int activeSourceConnections() {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    try {
      return (Integer) jmx.getAttribute(pool, "ActiveConnections");
    } catch (JMException e) {
      throw new IllegalStateException("no pool MBean " + pool, e);
    }
  }

  /** A stock Avatica client connection with HTTP Basic credentials. */
  static Connection connect(MeshServer server, String user, String password) throws SQLException {
    return connect(server.url(), user, password, new Properties());
  }

  static Connection connect(String url, String user, String password, Properties extra) throws SQLException {
    Properties props = new Properties();
    props.putAll(extra);
    props.setProperty("authentication", "BASIC");
    props.setProperty("avatica_user", user);
    props.setProperty("avatica_password", password);
    return DriverManager.getConnection(url, props);
  }

  @Override
  public void close() {
    mesh.close();
  }
}
