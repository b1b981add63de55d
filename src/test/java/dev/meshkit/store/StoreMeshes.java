package dev.meshkit.store;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A mesh to remember things about, its principals, and its catalog tables read as plain rows. */
public final class StoreMeshes {

  public static final Principal ANN = Principal.of("ann", "analyst");
  public static final Principal BOB = Principal.of("bob", "analyst");
  /** A member of the sales domain, who resolves its problems and sees who gave feedback. */
  public static final Principal SAM = Principal.of("sam", "analyst");
  /** Granted nothing: sees only what is discoverable, reads nothing. */
  public static final Principal EVE = Principal.of("eve");
  /** Granted sys. */
  public static final Principal AUD = Principal.of("aud", "analyst", "auditor");

  private StoreMeshes() {}

  /** A descriptor over the source at {@code url}, with {@code settings} (YAML under settings:, or empty). */
  public static String descriptor(String url, String settings) {
    return """
        name: remembering
        %s
        principals:
          - {name: ann, roles: [analyst]}
          - {name: bob, roles: [analyst]}
          - {name: sam, roles: [analyst]}
          - {name: eve}
          - {name: aud, roles: [analyst, auditor]}
        policies:
          - {name: analysts-read-orders, grant: {products: ["sales.orders", "sales.ledger", "sales.draft"], roles: [analyst]}}
          - {name: auditors-read-sys, grant: {products: ["sys.*"], roles: [auditor]}}
        domains:
          - name: sales
            owner: sales-team
            members: {users: [sam]}
            sources: [{name: db, type: jdbc, url: "%s", user: sa}]
            products:
              - name: orders
                description: Every order
                sql: SELECT id, amount FROM db.orders
                quality:
                  - {name: two-rows, metric: rowCount, mustBe: 2}
              - {name: ledger, description: Booked amounts, sql: "SELECT SUM(amount) AS total FROM db.orders"}
              - {name: draft, description: Not released, status: draft, sql: "SELECT id FROM db.orders"}
        """.formatted(settings.isEmpty() ? "" : "settings:\n  " + settings.replace("\n", "\n  "), url);
  }

  /** Every row of the query, each as a list of its values' text, as {@code principal} sees them. */
  public static List<List<String>> rows(Mesh mesh, Principal principal, String sql) throws SQLException {
    try (Connection c = mesh.connect(principal); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Reads the product, so that it counts as used. */
  public static void read(Mesh mesh, Principal principal, String product) throws SQLException {
    rows(mesh, principal, "SELECT * FROM " + product);
  }
}
