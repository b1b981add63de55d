package dev.meshkit.examples;

import dev.meshkit.Mesh;
import dev.meshkit.server.MeshServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The example mesh served over remote JDBC: starts a {@link MeshServer} on a free port with the
 * descriptor's users, then queries it with the stock Avatica client as ann and as bert, whose
 * policies differ. Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.examples.RemoteQuickstart}. Given an Avatica URL instead of a
 * descriptor, it is only the client, e.g. of a running {@code meshkit serve}.
 */
public final class RemoteQuickstart {

  private RemoteQuickstart() {
  }

  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "examples/acme/mesh.yaml";
    if (target.startsWith("jdbc:avatica:")) {
      queryAsAnnAndBert(target);
      return;
    }
    try (Mesh mesh = Mesh.fromYaml(Path.of(target).toAbsolutePath());
        MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      System.out.println("Serving " + server.url());
      queryAsAnnAndBert(server.url());
    }
  }

  private static void queryAsAnnAndBert(String url) throws SQLException {
    for (String user : new String[] {"ann", "bert"}) {
      Properties props = new Properties();
      props.setProperty("authentication", "BASIC");
      props.setProperty("avatica_user", user);
      props.setProperty("avatica_password", user + "-demo");
      try (Connection c = DriverManager.getConnection(url, props);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT customer_id, name, nation_id, phone FROM sales.customer ORDER BY 1")) {
        System.out.println();
        System.out.println("As " + user + ":");
        while (rs.next()) {
          System.out.printf("  %-3s %-12s %-3s %s%n", rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4));
        }
        if (user.equals("bert")) {
          try (ResultSet orders = s.executeQuery("SELECT COUNT(*) FROM sales.orders")) {
            orders.next();
          } catch (SQLException e) {
            System.out.println("  sales.orders: " + e.getMessage());
          }
        }
      }
    }
  }
}
