package dev.meshkit.examples;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * meshkit embedded in an application: load the mesh once, then open a connection for each
 * principal the application has authenticated. Their policies decide what they see.
 */
public final class EmbeddedExample {

  private EmbeddedExample() {
  }

  public static void main(String[] args) throws SQLException {
    Path descriptor = Path.of(args.length > 0 ? args[0] : "examples/acme/mesh.yaml");
    Principal ann = Principal.builder("ann").role("analyst").build();
    Principal bert = Principal.builder("bert").role("partner").attribute("nation", "2").build();

    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      for (Principal principal : new Principal[] {ann, bert}) {
        System.out.println("As " + principal.name() + ":");
        try (Connection connection = mesh.connect(principal);
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT name, phone FROM sales.customer WHERE customer_id < ? ORDER BY name")) {
          statement.setInt(1, 4);
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              System.out.println("  " + rs.getString("name") + "  " + rs.getString("phone"));
            }
          }
        }
      }
    }
  }
}
