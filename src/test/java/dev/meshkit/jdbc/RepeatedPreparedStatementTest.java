package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditEvent.Decision;
import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prepared statement run again and again with other parameters, as the thin path for cached plans
 * runs it: each execution answers for its own parameters and its own principal's policies, and each
 * is one audit event with the products, row filters and masks that applied, counted in the usage.
 */
class RepeatedPreparedStatementTest {

  static final String LOOKUP = "SELECT id, region, phone FROM sales.customers WHERE id = ?";
  static final Principal ANN = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
  static final Principal BOB = Principal.builder("bob").role("analyst").attribute("region", "US").build();
  static final Principal CORA = Principal.builder("cora").role("analyst").role("compliance").build();
  static Mesh mesh;
  static final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws SQLException {
    String url = h2("repeated_prepared",
        "CREATE TABLE customers(id INT PRIMARY KEY, region VARCHAR(4), phone VARCHAR(20))",
        "INSERT INTO customers VALUES (1, 'EU', '+41 44 123 4567'), (2, 'US', '+1 212 555 0199'),"
            + " (3, 'EU', '+49 30 765 4321')");
    mesh = Mesh.builder().name("repeated")
        .policy("analysts-read-sales", "grant", Map.of("products", List.of("sales.*"), "roles", List.of("analyst")))
        .policy("analysts-see-their-region", "rowFilter", Map.of("products", List.of("sales.customers"),
            "roles", List.of("analyst"), "exceptRoles", List.of("compliance"), "where", "region = :region"))
        .policy("phone-last-four", "mask", Map.of("products", List.of("sales.customers"), "columns", List.of("phone"),
            "roles", List.of("analyst"), "exceptRoles", List.of("compliance"), "with", "last4"))
        .auditSink(events::add)
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("customers", "SELECT * FROM erp.customers"))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @BeforeEach
  void forget() {
    events.clear();
  }

  /** Runs the lookup once per key on one prepared statement, each row as "id,region,phone" or "none". */
  private static List<String> lookUp(Connection c, int... keys) throws SQLException {
    List<String> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
      for (int key : keys) {
        ps.setInt(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          found.add(rs.next() ? rs.getInt(1) + "," + rs.getString(2) + "," + rs.getString(3) : "none");
        }
      }
    }
    return found;
  }

  @Test
  void eachExecutionAnswersForItsOwnParameter() throws SQLException {
    try (Connection c = mesh.connect(CORA)) {
      assertEquals(List.of("2,US,+1 212 555 0199", "1,EU,+41 44 123 4567", "3,EU,+49 30 765 4321", "none",
          "2,US,+1 212 555 0199"), lookUp(c, 2, 1, 3, 4, 2));
    }
  }

  @Test
  void principalsSharingTheCachedPlanEachGetTheirOwnFilterAndMask() throws SQLException {
    // ann and bob have the same policies, so the second prepares from the plan the first cached.
    try (Connection ann = mesh.connect(ANN); Connection bob = mesh.connect(BOB); Connection cora = mesh.connect(CORA)) {
      assertEquals(List.of("1,EU,XXXXXXXXXXX4567", "none", "3,EU,XXXXXXXXXXX4321"), lookUp(ann, 1, 2, 3));
      assertEquals(List.of("none", "2,US,XXXXXXXXXXX0199", "none"), lookUp(bob, 1, 2, 3));
      assertEquals(List.of("1,EU,+41 44 123 4567", "2,US,+1 212 555 0199"), lookUp(cora, 1, 2));
    }
  }

  @Test
  void everyExecutionIsOneAuditEventWithWhatApplied() throws SQLException {
    long before = queries();
    events.clear();
    try (Connection ann = mesh.connect(ANN); Connection cora = mesh.connect(CORA)) {
      lookUp(ann, 1, 2, 3);
      lookUp(cora, 2);
    }
    assertEquals(4, events.size(), events.toString());
    for (int i = 0; i < 4; i++) {
      AuditEvent event = events.get(i);
      assertEquals(Decision.ALLOWED, event.decision());
      assertEquals(LOOKUP, event.sql());
      assertEquals(i < 3 ? "ann" : "cora", event.principal());
      assertEquals(i == 1 ? 0 : 1, event.rowsReturned(), "rows of execution " + i);
      AuditEvent.ProductAccess read = event.products().get(0);
      assertEquals("sales.customers", read.product());
      assertEquals(i < 3 ? List.of("analysts-see-their-region") : List.of(), read.rowFilters());
      assertEquals(i < 3 ? Map.of("phone", "phone-last-four") : Map.of(), read.masks());
    }
    assertEquals(before + 4, queries());
  }

  /** The queries catalog.usage counts for the customers. */
  private static long queries() throws SQLException {
    try (Connection c = mesh.connect(CORA)) {
      return Long.parseLong(MeshTesting.rows(c,
          "SELECT queries FROM catalog.usage WHERE product_name = 'customers'").get(0));
    }
  }
}
