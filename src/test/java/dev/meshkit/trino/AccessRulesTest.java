package dev.meshkit.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rules.json: the owner first, one rule per product and group of alike principals, deny by default. */
class AccessRulesTest {

  @Test
  void principalsWithTheSameDecisionShareARuleAndEverythingElseIsDenied() throws Exception {
    AccessRules rules = new AccessRules("meshkit", "acme");
    rules.allow("ann", "sales", "orders", null, Map.of());
    rules.allow("bert", "sales", "orders", "\"nation_id\" = 2", Map.of("phone", "CAST(NULL AS varchar(20))"));
    rules.allow("cora", "sales", "orders", null, Map.of());
    rules.allow("dana", "sales", "orders", "\"nation_id\" = 4", Map.of("phone", "CAST(NULL AS varchar(20))"));
    rules.principals(List.of("ann", "bert", "cora", "dana", "o'hara.x"));
    JsonNode json = new ObjectMapper().readTree(rules.json());

    JsonNode tables = json.get("tables");
    assertEquals(5, tables.size(), tables::toPrettyString);
    assertEquals("meshkit", tables.get(0).get("user").asText());
    assertEquals("ann|cora", tables.get(1).get("user").asText());
    assertEquals("sales", tables.get(1).get("schema").asText());
    assertEquals(null, tables.get(1).get("filter"));
    assertEquals("bert", tables.get(2).get("user").asText());
    assertEquals("\"nation_id\" = 2", tables.get(2).get("filter").asText());
    assertEquals("CAST(NULL AS varchar(20))", tables.get(2).get("columns").get(0).get("mask").asText());
    assertEquals("\"nation_id\" = 4", tables.get(3).get("filter").asText());
    assertEquals("{\"privileges\":[]}", tables.get(4).toString());

    JsonNode catalogs = json.get("catalogs");
    assertEquals("ann|bert|cora|dana|o'hara\\.x", catalogs.get(1).get("user").asText());
    assertEquals("read-only", catalogs.get(1).get("allow").asText());
    assertEquals("{\"allow\":\"none\"}", catalogs.get(2).toString());
  }

  @Test
  void namesAreMatchedExactlyNotAsPatterns() {
    assertEquals("a\\.b\\*c\\|d", AccessRules.exactly("a.b*c|d"));
    assertEquals("x\\(1\\)", AccessRules.anyOf(List.of("x(1)", "x(1)")));
  }
}
