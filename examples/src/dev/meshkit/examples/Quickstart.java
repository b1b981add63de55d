package dev.meshkit.examples;

import dev.meshkit.Mesh;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The quickstart: queries the mesh declared in examples/acme/mesh.yaml (an in-memory H2 database
 * seeded from sales.sql, and a CSV folder) through the meshkit JDBC driver, as an application would.
 */
public final class Quickstart {

  private Quickstart() {
  }

  public static void main(String[] args) throws Exception {
    Path descriptor = Path.of(args.length > 0 ? args[0] : "examples/acme/mesh.yaml").toAbsolutePath();

    Properties props = new Properties();
    props.setProperty("user", "ann");
    try (Connection mesh = DriverManager.getConnection("jdbc:meshkit:" + descriptor, props)) {
      System.out.println("Domains and products:");
      DatabaseMetaData meta = mesh.getMetaData();
      try (ResultSet tables = meta.getTables(null, null, "%", null)) {
        while (tables.next()) {
          System.out.printf("  %-24s %s%n", tables.getString("TABLE_SCHEM") + "." + tables.getString("TABLE_NAME"),
              tables.getString("REMARKS"));
        }
      }

      query(mesh, "Revenue by nation (a product built on products from two sources):",
          "SELECT nation, orders, revenue FROM sales.revenue_by_nation ORDER BY revenue DESC");

      String bigOrders = "SELECT c.name, o.order_id, o.amount, n.name AS nation FROM sales.orders o "
          + "JOIN sales.customer c ON c.customer_id = o.customer_id "
          + "JOIN reference.nation n ON n.nation_id = c.nation_id "
          + "WHERE o.amount > ? ORDER BY o.amount DESC";
      try (PreparedStatement ps = mesh.prepareStatement(bigOrders)) {
        ps.setBigDecimal(1, new java.math.BigDecimal("100"));
        try (ResultSet rs = ps.executeQuery()) {
          print("Orders over 100 EUR, with parameters:", rs);
        }
      }

      query(mesh, "What each source receives (EXPLAIN PLAN FOR):",
          "EXPLAIN PLAN FOR SELECT c.name, SUM(o.amount) AS total FROM sales.orders o "
              + "JOIN sales.customer c ON c.customer_id = o.customer_id WHERE o.amount > 50 GROUP BY c.name");
    }

    // Data as a product: the catalog, a search, lineage, quality, and a deprecated product's warning.
    props.setProperty("user", "ann");
    try (Connection mesh = DriverManager.getConnection("jdbc:meshkit:" + descriptor, props)) {
      query(mesh, "The catalog (catalog.products):",
          "SELECT domain_name, product_name, version, status, replaced_by FROM catalog.products "
              + "ORDER BY domain_name, product_name");
      query(mesh, "Search for \"order revenue\":",
          "SELECT product_name, score FROM TABLE(catalog.search_products('order revenue'))");
      query(mesh, "Lineage of sales.revenue_by_nation (catalog.lineage):",
          "SELECT column_name, input_kind, input_domain, input_name, input_column FROM catalog.lineage "
              + "WHERE product_name = 'revenue_by_nation' ORDER BY column_name, input_name");
      try (Statement s = mesh.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sales.orders_v1")) {
        rs.next();
        System.out.println();
        System.out.println("Reading a deprecated product warns: " + s.getWarnings().getMessage());
      }
    }
    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      System.out.println();
      System.out.println("Quality checks of sales.orders:");
      mesh.quality().run("sales.orders").forEach(r ->
          System.out.printf("  %-24s %-8s observed %s, expected %s%n", r.checkName(), r.status(), r.observed(), r.expected()));
      System.out.println();
      System.out.println("Lineage as Mermaid:");
      System.out.println(mesh.catalog().lineage("sales.revenue_by_nation", "mermaid").indent(2));
    }

    // The same statement as three principals: policies decide what each one sees.
    for (String user : new String[] {"ann", "cora", "bert"}) {
      props.setProperty("user", user);
      try (Connection mesh = DriverManager.getConnection("jdbc:meshkit:" + descriptor, props)) {
        query(mesh, "SELECT name, phone FROM sales.customer, as " + user + ":",
            "SELECT name, phone FROM sales.customer ORDER BY name");
      }
    }
  }

  private static void query(Connection connection, String title, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      print(title, rs);
    }
  }

  /** Prints a result set as an aligned table. */
  private static void print(String title, ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
    }
    rows.add(header);
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        row[i] = String.valueOf(rs.getObject(i + 1));
      }
      rows.add(row);
    }
    int[] width = new int[n];
    for (String[] row : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], row[i].contains("\n") ? 0 : row[i].length());
      }
    }
    System.out.println();
    System.out.println(title);
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < n; i++) {
        line.append(row[i].contains("\n") ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
      }
      System.out.println(line.toString().stripTrailing());
    }
  }
}
