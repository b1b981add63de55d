package dev.meshkit.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Trino's file-based access control ({@code rules.json}) for the exported views. Trino takes the
 * first rule that matches, and denies when none does; so the owner of the views comes first, then
 * one table rule per product and group of principals whose decisions are alike (same filter, same
 * masks), and a last rule that denies everything else. The source catalogs are the owner's alone.
 */
final class AccessRules {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String admin;
  private final String viewCatalog;
  /** Table rules by what they allow, each with its principals in the order they were added. */
  private final Map<Allowed, List<String>> tableRules = new LinkedHashMap<>();
  private final List<String> principals = new ArrayList<>();

  private record Allowed(String schema, String table, String filter, Map<String, String> masks) {
  }

  AccessRules(String admin, String viewCatalog) {
    this.admin = admin;
    this.viewCatalog = viewCatalog;
  }

  /** Lets {@code principal} read one view, through {@code filter} (null for none) and with {@code masks} by column. */
  void allow(String principal, String schema, String table, String filter, Map<String, String> masks) {
    tableRules.computeIfAbsent(new Allowed(schema, table, filter, Map.copyOf(masks)), k -> new ArrayList<>())
        .add(principal);
  }

  /** The principals that may use the views' catalog at all (each table still needs its own rule). */
  void principals(List<String> names) {
    principals.addAll(names);
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Map<String, Object>> catalogs = new ArrayList<>();
    catalogs.add(rule("user", exactly(admin), "catalog", ".*", "allow", "all"));
    if (!principals.isEmpty()) {
      catalogs.add(rule("user", anyOf(principals), "catalog", exactly(viewCatalog), "allow", "read-only"));
    }
    catalogs.add(rule("allow", "none"));
    root.put("catalogs", catalogs);
    root.put("schemas", List.of(rule("user", exactly(admin), "owner", true), rule("owner", false)));
    List<Map<String, Object>> tables = new ArrayList<>();
    tables.add(rule("user", exactly(admin), "privileges",
        List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT")));
    tableRules.forEach((allowed, who) -> {
      Map<String, Object> rule = rule("user", anyOf(who), "catalog", exactly(viewCatalog),
          "schema", exactly(allowed.schema()), "table", exactly(allowed.table()), "privileges", List.of("SELECT"));
      if (allowed.filter() != null) {
        rule.put("filter", allowed.filter());
      }
      if (!allowed.masks().isEmpty()) {
        List<Map<String, Object>> columns = new ArrayList<>();
        allowed.masks().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(mask -> columns.add(rule("name", mask.getKey(), "mask", mask.getValue())));
        rule.put("columns", columns);
      }
      tables.add(rule);
    });
    tables.add(rule("privileges", List.of()));
    root.put("tables", tables);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rules.json could not be written: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> rule(Object... keysAndValues) {
    Map<String, Object> rule = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      rule.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return rule;
  }

  /** A regular expression that matches exactly one of the names (Trino matches the whole name). */
  static String anyOf(List<String> names) {
    return names.stream().distinct().map(AccessRules::exactly).collect(Collectors.joining("|"));
  }

  static String exactly(String name) {
    return name.replaceAll("([\\\\.\\[\\]{}()<>*+\\-=!?^$|])", "\\\\$1");
  }
}
