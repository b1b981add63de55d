package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What JDBC tools read from the driver: names in lower case whatever the source stores, bare type
 * names with their sizes, keys declared in the descriptor, the URL and an empty type map.
 */
class ToolMetadataTest {

  @TempDir
  static Path dir;

  static Path descriptor;
  static Mesh mesh;
  static final Principal ANN = Principal.of("ann", "analyst");
  static final Principal BOB = Principal.of("bob", "clerk");

  @BeforeAll
  static void load() throws Exception {
    String url = h2("tool_metadata",
        "CREATE TABLE ORDERS(ORDER_ID INT NOT NULL, CUSTOMER_ID INT, AMOUNT DECIMAL(10,2), PLACED DATE,"
            + " SHIPPED TIMESTAMP, NOTE VARCHAR, CODE CHAR(3), \"Mixed Case\" VARCHAR(12))",
        "INSERT INTO ORDERS VALUES (1, 7, 12.50, DATE '2026-01-02', TIMESTAMP '2026-01-03 04:05:06.789', 'n', 'abc',"
            + " 'x')",
        "CREATE TABLE CUSTOMERS(ID INT NOT NULL, EMAIL VARCHAR(40) NOT NULL, REGION VARCHAR(4))",
        "INSERT INTO CUSTOMERS VALUES (7, 'a@example.com', 'EU')",
        "CREATE TABLE LINES(ORDER_ID INT NOT NULL, LINE_NO INT NOT NULL, QTY BIGINT)");
    Files.writeString(dir.resolve("regions.csv"), "region,name\nEU,Europe\n");
    descriptor = write(dir.resolve("mesh.yaml"), """
        name: tools
        domains:
          - name: Sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
              - {name: files, type: csv, path: "%s"}
            products:
              - name: Orders
                sql: SELECT * FROM erp.ORDERS
                columns:
                  - {name: order_id, required: true, unique: true, description: The order}
                  - {name: CUSTOMER_ID, references: sales.customers.id}
              - name: customers
                sql: SELECT * FROM erp.CUSTOMERS
                columns:
                  - {name: id, required: true, unique: true}
                  - {name: email, required: true, unique: true}
              - name: lines
                sql: SELECT * FROM erp.LINES
                primaryKey: [order_id, line_no]
                columns:
                  - {name: order_id, references: sales.orders.order_id}
              - name: regions
                sql: SELECT * FROM files.regions
          - name: secret
            products:
              - name: notes
                sql: SELECT order_id AS note_id, order_id FROM sales.orders
                columns:
                  - {name: note_id, required: true, unique: true}
                  - {name: order_id, references: sales.orders.order_id}
        principals:
          - {name: ann, roles: [analyst]}
        policies:
          - {name: analysts, grant: {products: ["*"], roles: [analyst]}}
          - {name: clerks, grant: {products: ["sales.*"], roles: [clerk]}}
        """.formatted(url, dir));
    mesh = Mesh.fromYaml(descriptor);
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @Test
  void namesAreLowerCaseWhateverTheSourceStores() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      ResultSetMetaData h2 = c.createStatement().executeQuery("SELECT * FROM sales.orders").getMetaData();
      assertEquals("order_id", h2.getColumnLabel(1));
      assertEquals("order_id", h2.getColumnName(1));
      assertEquals("mixed case", h2.getColumnLabel(8));
      ResultSetMetaData csv = c.createStatement().executeQuery("SELECT * FROM sales.regions").getMetaData();
      assertEquals("region", csv.getColumnLabel(1));
      // Unquoted or quoted, in any case, a name means the same column and is reported in lower case.
      ResultSetMetaData written = c.createStatement()
          .executeQuery("SELECT ORDER_ID, \"Customer_Id\", Amount AS Total FROM SALES.\"ORDERS\"").getMetaData();
      assertEquals(List.of("order_id", "customer_id", "total"), labels(written));
      assertEquals(List.of("customer_id"),
          rows(c, "SELECT column_name FROM catalog.columns WHERE product_name = 'orders' AND column_name = 'customer_id'"));
      assertEquals(List.of("orders,customer_id", "orders,order_id"),
          rows(c, "SELECT product_name, column_name FROM catalog.columns WHERE domain_name = 'sales'"
              + " AND product_name = 'orders' AND column_name IN ('order_id', 'customer_id') ORDER BY 2"));
    }
  }

  @Test
  void explainNamesProductColumnsInLowerCase() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR SELECT ORDER_ID, Amount FROM sales.orders WHERE amount > 1"));
      assertTrue(plan.contains("order_id"), plan);
      assertFalse(plan.contains("ORDER_ID"), plan);
    }
  }

  @Test
  void aProductWithTwoColumnsThatDifferOnlyInCaseIsInvalid() throws Exception {
    String url = h2("tool_case_clash", "CREATE TABLE T(A INT)");
    Path clash = write(dir.resolve("clash.yaml"), """
        name: clash
        domains:
          - name: d
            sources:
              - {name: s, type: jdbc, url: "%s", user: sa}
            products:
              - {name: t, sql: 'SELECT A AS "X", A + 1 AS x FROM s.T'}
        """.formatted(url));
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(clash).close());
    assertTrue(e.getMessage().contains("two columns named 'x'"), e.getMessage());
  }

  @Test
  void columnsHaveBareTypeNamesAndSizes() throws SQLException {
    try (Connection c = mesh.connect(ANN); ResultSet rs = c.getMetaData().getColumns(null, "SALES", "ORDERS", "%")) {
      List<String> columns = new ArrayList<>();
      while (rs.next()) {
        columns.add(String.join(",", rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
            String.valueOf(rs.getObject("COLUMN_SIZE")), String.valueOf(rs.getObject("DECIMAL_DIGITS")),
            rs.getString("IS_NULLABLE"), String.valueOf(rs.getInt("NULLABLE")), String.valueOf(rs.getString("REMARKS"))));
      }
      assertEquals(List.of(
          "order_id,INTEGER,10,0,NO,0,The order",
          "customer_id,INTEGER,10,0,YES,1,null",
          "amount,DECIMAL,10,2,YES,1,null",
          "placed,DATE,10,null,YES,1,null",
          "shipped,TIMESTAMP,19,0,YES,1,null",
          "note,VARCHAR," + Integer.MAX_VALUE + ",null,YES,1,null",
          "code,CHAR,3,null,YES,1,null",
          "mixed case,VARCHAR,12,null,YES,1,null"), columns);
    }
    try (Connection c = mesh.connect(ANN); ResultSet types = c.getMetaData().getTypeInfo()) {
      List<String> known = new ArrayList<>();
      while (types.next()) {
        known.add(types.getString("TYPE_NAME"));
      }
      assertTrue(known.containsAll(List.of("INTEGER", "DECIMAL", "DATE", "TIMESTAMP", "VARCHAR", "CHAR")), known::toString);
    }
  }

  @Test
  void resultColumnsHaveBareTypeNamesToo() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      ResultSetMetaData meta = c.createStatement()
          .executeQuery("SELECT order_id, amount, placed, note, code FROM sales.orders").getMetaData();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        types.add(meta.getColumnTypeName(i) + "," + meta.getPrecision(i) + "," + meta.getScale(i));
      }
      assertEquals(List.of("INTEGER,10,0", "DECIMAL,10,2", "DATE,10,0", "VARCHAR," + Integer.MAX_VALUE + ",0",
          "CHAR,3,0"), types);
    }
  }

  @Test
  void patternsMatchWhateverCaseTheToolSends() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      DatabaseMetaData meta = c.getMetaData();
      assertTrue(meta.storesLowerCaseIdentifiers());
      assertTrue(meta.storesLowerCaseQuotedIdentifiers());
      assertFalse(meta.storesUpperCaseIdentifiers());
      assertFalse(meta.storesMixedCaseIdentifiers());
      assertFalse(meta.storesUpperCaseQuotedIdentifiers());
      assertFalse(meta.storesMixedCaseQuotedIdentifiers());
      assertEquals(List.of("sales"), names(meta.getSchemas(null, "SAL%"), "TABLE_SCHEM"));
      assertEquals(List.of("orders"), names(meta.getTables(null, "Sales", "ORD%", null), "TABLE_NAME"));
      assertEquals(List.of("customer_id"), names(meta.getColumns(null, "sales", "orders", "CUSTOMER\\_ID"),
          "COLUMN_NAME"));
    }
  }

  @Test
  void keysComeFromTheDescriptor() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      DatabaseMetaData meta = c.getMetaData();
      assertEquals(List.of("sales,orders,order_id,1,pk_orders"), keyRows(meta.getPrimaryKeys(null, "SALES", "Orders"),
          "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
      // In the order JDBC asks for: by column name.
      assertEquals(List.of("sales,lines,line_no,2,pk_lines", "sales,lines,order_id,1,pk_lines"),
          keyRows(meta.getPrimaryKeys(null, "sales", "lines"), "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
              "PK_NAME"));
      assertEquals(List.of(), keyRows(meta.getPrimaryKeys(null, "sales", "regions"), "COLUMN_NAME"));
      // The first required, unique column is the key; the other unique one is a unique index.
      assertEquals(List.of("pk_customers,id,false", "uq_customers_email,email,false"),
          keyRows(meta.getIndexInfo(null, "sales", "customers", true, false), "INDEX_NAME", "COLUMN_NAME", "NON_UNIQUE"));
      assertEquals(List.of("sales,customers,id,sales,orders,customer_id,1,fk_orders_customers,pk_customers"),
          keyRows(meta.getImportedKeys(null, "sales", "orders"), "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
              "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "FK_NAME", "PK_NAME"));
      assertEquals(List.of("orders,lines,order_id", "orders,notes,order_id"),
          keyRows(meta.getExportedKeys(null, "sales", "orders"), "PKTABLE_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME"));
      assertEquals(List.of("lines,order_id"), keyRows(meta.getCrossReference(null, "sales", "orders", null, "sales",
          "lines"), "FKTABLE_NAME", "FKCOLUMN_NAME"));
    }
  }

  @Test
  void everyCapabilityQuestionIsAnswered() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      DatabaseMetaData meta = c.getMetaData();
      for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE}) {
        assertFalse(meta.ownUpdatesAreVisible(type) || meta.ownDeletesAreVisible(type) || meta.ownInsertsAreVisible(type)
            || meta.othersUpdatesAreVisible(type) || meta.othersDeletesAreVisible(type)
            || meta.othersInsertsAreVisible(type) || meta.updatesAreDetected(type) || meta.deletesAreDetected(type)
            || meta.insertsAreDetected(type));
      }
      assertTrue(meta.supportsResultSetHoldability(meta.getResultSetHoldability()));
      assertTrue(meta.isReadOnly());
      assertTrue(c.isReadOnly());
    }
  }

  @Test
  void keysOfProductsOutOfSightAreNotListed() throws SQLException {
    try (Connection c = mesh.connect(BOB)) {
      DatabaseMetaData meta = c.getMetaData();
      assertEquals(List.of("orders,lines"), keyRows(meta.getExportedKeys(null, "sales", "orders"), "PKTABLE_NAME",
          "FKTABLE_NAME"));
      assertEquals(List.of(), keyRows(meta.getPrimaryKeys(null, "secret", "notes"), "COLUMN_NAME"));
    }
  }

  @Test
  void theUrlIsTheOneConnectedWithAndTheTypeMapIsEmpty() throws SQLException {
    String url = "jdbc:meshkit:" + descriptor;
    try (Connection c = mesh.connect(ANN)) {
      assertEquals(url, c.getMetaData().getURL());
      assertEquals(Map.of(), c.getTypeMap());
      c.setTypeMap(Map.of());
      assertEquals(Map.of(), c.getTypeMap());
    }
    String relative = "jdbc:meshkit:" + dir.resolve(".").resolve("mesh.yaml");
    try (Connection c = DriverManager.getConnection(relative, "ann", "")) {
      assertEquals(relative, c.getMetaData().getURL());
      // A tool reconnects with it.
      try (Connection again = DriverManager.getConnection(c.getMetaData().getURL(), "ann", "")) {
        assertEquals(List.of("1"), rows(again, "SELECT order_id FROM sales.orders"));
      }
    } finally {
      MeshDriver.release(dir.resolve("mesh.yaml"));
    }
    try (Mesh built = Mesh.builder().name("built").domain("d", d -> d.product("one", "SELECT 1 AS x")).build();
        Connection c = built.connect(ANN)) {
      assertNull(c.getMetaData().getURL());
    }
  }

  @Test
  void keysTravelInOdcsContracts() {
    String contract = mesh.catalog().exportContract("sales.lines");
    assertTrue(contract.contains("primaryKey: true"), contract);
    assertTrue(contract.contains("primaryKeyPosition: 2"), contract);
  }

  private static List<String> labels(ResultSetMetaData meta) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.add(meta.getColumnLabel(i));
    }
    return labels;
  }

  private static List<String> names(ResultSet rs, String column) throws SQLException {
    return keyRows(rs, column);
  }

  private static List<String> keyRows(ResultSet rs, String... columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
          values.add(rs.getString(column));
        }
        rows.add(String.join(",", values));
      }
    }
    return rows;
  }
}
