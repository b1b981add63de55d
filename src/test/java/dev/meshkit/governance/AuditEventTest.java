package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.AuditEvent.Decision;
import dev.meshkit.AuditEvent.ProductAccess;
import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit event value: validation, copies, and its log line. */
class AuditEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void logLineIsJsonWithEveryFieldInAStableOrder() throws Exception {
    JsonNode line = JSON.readTree(AuditEvents.allowed(3).toLogLine());

    List<String> fields = new ArrayList<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("time", "principal", "roles", "decision", "policy", "products", "rows",
        "durationMs", "error", "warnings", "sql"), fields);
    assertEquals("2025-03-01T10:15:30.123Z", line.get("time").asText());
    assertEquals("ann", line.get("principal").asText());
    assertEquals("[\"analyst\",\"auditor\"]", line.get("roles").toString());
    assertEquals("ALLOWED", line.get("decision").asText());
    assertEquals("analysts-read-sales", line.get("policy").asText());
    assertEquals("[{\"product\":\"sales.orders\",\"columns\":[\"id\",\"phone\"],"
        + "\"rowFilters\":[\"analysts-see-their-region\"],\"masks\":{\"phone\":\"phone-last-four\"}}]",
        line.get("products").toString());
    assertEquals(3, line.get("rows").asLong());
    assertEquals(12, line.get("durationMs").asLong());
    assertTrue(line.get("error").isNull());
    assertEquals("[]", line.get("warnings").toString());
    assertEquals("SELECT id, phone FROM sales.orders WHERE amount > 10", line.get("sql").asText());
  }

  @Test
  void logLineOfADenialHasTheErrorAndWarnings() throws Exception {
    JsonNode line = JSON.readTree(AuditEvents.denied().toLogLine());

    assertEquals("DENIED", line.get("decision").asText());
    assertEquals("contractors-no-hr", line.get("policy").asText());
    assertEquals("Access denied to product hr.salaries by policy contractors-no-hr.", line.get("error").asText());
    assertEquals("[\"product hr.bonus is unavailable\"]", line.get("warnings").toString());
    assertEquals("[]", line.get("products").toString());
  }

  @Test
  void logLineStaysOneLineWhateverTheSql() throws Exception {
    String sql = "SELECT *\r\nFROM sales.orders -- \"quoted\"\n\tWHERE note = 'a\\b'";
    AuditEvent event = AuditEvent.builder().time(AuditEvents.TIME).principal("ann").sql(sql)
        .decision(Decision.ALLOWED).duration(Duration.ZERO).build();

    String line = event.toLogLine();

    assertFalse(line.contains("\n") || line.contains("\r"), line);
    assertEquals(sql, JSON.readTree(line).get("sql").asText());
  }

  @Test
  void toStringLeavesOutTheSql() {
    String text = AuditEvents.allowed(3).toString();

    assertFalse(text.contains("amount > 10"), text);
    assertEquals("AuditEvent[2025-03-01T10:15:30.123Z, principal=ann, ALLOWED by analysts-read-sales, "
        + "products=[sales.orders], rows=3, durationMs=12]", text);
  }

  @Test
  void collectionsAreCopiedAndUnmodifiable() {
    List<String> columns = new ArrayList<>(List.of("id"));
    Map<String, String> masks = new HashMap<>(Map.of("id", "hash-ids"));
    ProductAccess access = new ProductAccess("sales.orders", columns, List.of(), masks);
    columns.add("phone");
    masks.clear();

    assertEquals(List.of("id"), access.columns());
    assertEquals(Map.of("id", "hash-ids"), access.masks());
    assertThrows(UnsupportedOperationException.class, () -> access.columns().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> access.masks().put("x", "y"));
    assertThrows(UnsupportedOperationException.class, () -> AuditEvents.allowed(1).roles().add("admin"));
    assertThrows(UnsupportedOperationException.class, () -> AuditEvents.allowed(1).products().clear());
  }

  @Test
  void principalGivesNameAndRolesButNoAttributes() {
    Principal ann = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
    AuditEvent event = AuditEvent.builder().time(AuditEvents.TIME).principal(ann).sql("SELECT 1")
        .decision(Decision.ALLOWED).duration(Duration.ZERO).build();

    assertEquals("ann", event.principal());
    assertEquals(List.of("analyst"), List.copyOf(event.roles()));
    assertFalse(event.toLogLine().contains("EU"));
  }

  @Test
  void equalEventsAreEqual() {
    assertEquals(AuditEvents.allowed(3), AuditEvents.allowed(3));
    assertEquals(AuditEvents.allowed(3).hashCode(), AuditEvents.allowed(3).hashCode());
    assertFalse(AuditEvents.allowed(3).equals(AuditEvents.allowed(4)));
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    AuditEvent.Builder noTime = AuditEvent.builder().principal("ann").sql("SELECT 1")
        .decision(Decision.ALLOWED).duration(Duration.ZERO);
    assertEquals("time is null", assertThrows(NullPointerException.class, noTime::build).getMessage());

    AuditEvent.Builder noDuration = AuditEvent.builder().time(AuditEvents.TIME).principal("ann")
        .sql("SELECT 1").decision(Decision.ALLOWED);
    assertEquals("duration is null", assertThrows(NullPointerException.class, noDuration::build).getMessage());

    assertEquals("sql is null",
        assertThrows(NullPointerException.class, () -> AuditEvent.builder().sql(null)).getMessage());
    assertEquals("roles contains null", assertThrows(NullPointerException.class,
        () -> AuditEvent.builder().roles(Arrays.asList("a", null))).getMessage());
    assertEquals("masks contains a null policy for column phone", assertThrows(NullPointerException.class,
        () -> new ProductAccess("sales.orders", List.of(), List.of(), nullPolicy())).getMessage());
  }

  @Test
  void badValuesAreRefused() {
    assertEquals("rowsReturned cannot be negative: -1", assertThrows(IllegalArgumentException.class,
        () -> AuditEvent.builder().rowsReturned(-1)).getMessage());
    assertEquals("duration cannot be negative: PT-1S", assertThrows(IllegalArgumentException.class,
        () -> AuditEvent.builder().duration(Duration.ofSeconds(-1))).getMessage());

    AuditEvent.Builder failedWithoutError = AuditEvent.builder().time(AuditEvents.TIME).principal("ann")
        .sql("SELECT 1").decision(Decision.FAILED).duration(Duration.ZERO);
    assertEquals("a FAILED audit event needs an error (call error(...))",
        assertThrows(IllegalArgumentException.class, failedWithoutError::build).getMessage());
  }

  private static Map<String, String> nullPolicy() {
    Map<String, String> masks = new HashMap<>();
    masks.put("phone", null);
    return masks;
  }
}
