package dev.meshkit.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.clients.ClientMesh.Via;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQLLine 1.12, scripted, embedded and remote (meshkit's target and the stock Avatica client): the
 * metadata commands a person types first and a few queries, asserted on what SQLLine prints. One
 * SQLLine run per way in runs the whole script; each test reads its command's part.
 */
@Tag("clients")
class SqlLineTest {

  @RegisterExtension
  static final ClientMesh MESH = new ClientMesh();

  private static final String SELECT_STAR = "SELECT * FROM sales.orders WHERE order_id = 104;";
  private static final String UPPER_CASE = "SELECT ORDER_ID, Amount FROM SALES.ORDERS WHERE ORDER_ID < 102 ORDER BY ORDER_ID;";
  // ORDINAL is a reserved word of Calcite's SQL, so that column is quoted.
  private static final String CATALOG = "SELECT column_name FROM catalog.columns"
      + " WHERE domain_name = 'sales' AND product_name = 'orders' ORDER BY ordinal_position;";
  private static final List<String> SCRIPT = List.of(
      "!tables",
      "!columns orders",
      "!columns ORDERS",
      "!primarykeys orders",
      "!primarykeys customer",
      "!importedkeys orders",
      "!indexes customer",
      "!metadata storesLowerCaseIdentifiers",
      "!metadata storesUpperCaseIdentifiers",
      "!metadata storesMixedCaseIdentifiers",
      "!metadata getURL",
      SELECT_STAR,
      UPPER_CASE,
      CATALOG);

  private static final Map<Via, SqlLineRun> RUNS = new EnumMap<>(Via.class);

  private static SqlLineRun sqlline(Via via) {
    return RUNS.computeIfAbsent(via, v -> SqlLineRun.run("sqlline-" + v.name().toLowerCase(Locale.ROOT),
        MESH.target(v), SCRIPT));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void tablesListsEveryProductInLowerCase(Via via) {
    SqlLineRun run = sqlline(via);
    Set<String> tables = run.rows("!tables").stream()
        .map(row -> row.get("TABLE_SCHEM") + "." + row.get("TABLE_NAME"))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> products = tables.stream().filter(t -> !t.startsWith("catalog."))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("reference.nation", "sales.customer", "sales.orders", "sales.orders_v1", "sales.revenue_by_nation"),
        products, () -> run.report("!tables"));
    assertTrue(tables.containsAll(Set.of("catalog.columns", "catalog.domains", "catalog.lineage", "catalog.products",
        "catalog.quality", "catalog.usage")), () -> run.report("!tables"));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void columnsShowLowerCaseNamesBareTypesAndSizes(Via via) {
    SqlLineRun run = sqlline(via);
    List<List<String>> expected = List.of(
        List.of("sales", "orders", "order_id", "INTEGER", "10", "0"),
        List.of("sales", "orders", "customer_id", "INTEGER", "10", "1"),
        List.of("sales", "orders", "order_date", "DATE", "10", "1"),
        List.of("sales", "orders", "amount", "DECIMAL", "10", "1"));
    String[] labels = {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "TYPE_NAME", "COLUMN_SIZE", "NULLABLE"};
    assertEquals(expected, run.columns("!columns orders", labels), () -> run.report("!columns orders"));
    assertEquals("2", run.rows("!columns orders").get(3).get("DECIMAL_DIGITS"), () -> run.report("!columns orders"));
    // Identifiers are case-insensitive: SQLLine folds an unquoted name as the driver says it stores them.
    assertEquals(expected, run.columns("!columns ORDERS", labels), () -> run.report("!columns ORDERS"));
  }

  @ParameterizedTest
  // Avatica's protocol has no request for keys, and its client says upper case: docs/remote-client.md.
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void primaryKeysShowTheDeclaredKeys(Via via) {
    SqlLineRun run = sqlline(via);
    String[] labels = {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ"};
    // order_id is the first column declared required and unique; customer declares primaryKey: [customer_id].
    assertEquals(List.of(List.of("sales", "orders", "order_id", "1")),
        run.columns("!primarykeys orders", labels), () -> run.report("!primarykeys orders"));
    assertEquals(List.of(List.of("sales", "customer", "customer_id", "1")),
        run.columns("!primarykeys customer", labels), () -> run.report("!primarykeys customer"));
  }

  @ParameterizedTest
  // Avatica's protocol has no request for keys, and its client says upper case: docs/remote-client.md.
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void importedKeysShowTheDeclaredReference(Via via) {
    SqlLineRun run = sqlline(via);
    assertEquals(List.of(List.of("sales", "customer", "customer_id", "sales", "orders", "customer_id", "1")),
        run.columns("!importedkeys orders", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
            "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ"),
        () -> run.report("!importedkeys orders"));
  }

  @ParameterizedTest
  // Avatica's protocol has no request for keys, and its client says upper case: docs/remote-client.md.
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void indexesShowTheUniqueColumns(Via via) {
    SqlLineRun run = sqlline(via);
    List<List<String>> indexes = run.columns("!indexes customer", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "NON_UNIQUE");
    assertTrue(indexes.contains(List.of("sales", "customer", "name", "false")), () -> run.report("!indexes customer"));
  }

  @ParameterizedTest
  // Avatica's protocol has no request for keys, and its client says upper case: docs/remote-client.md.
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void metadataSaysIdentifiersAreStoredInLowerCaseAndGivesTheUrl(Via via) {
    SqlLineRun run = sqlline(via);
    assertEquals("true", run.printed("!metadata storesLowerCaseIdentifiers"),
        () -> run.report("!metadata storesLowerCaseIdentifiers"));
    assertEquals("false", run.printed("!metadata storesUpperCaseIdentifiers"),
        () -> run.report("!metadata storesUpperCaseIdentifiers"));
    assertEquals("false", run.printed("!metadata storesMixedCaseIdentifiers"),
        () -> run.report("!metadata storesMixedCaseIdentifiers"));
    // Tools reconnect with the URL the connection reports.
    assertEquals(MESH.target(via).url(), run.printed("!metadata getURL"), () -> run.report("!metadata getURL"));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void queriesPrintTheirRowsUnderLowerCaseLabels(Via via) {
    SqlLineRun run = sqlline(via);
    // SELECT * over an H2 table whose columns H2 stores in upper case.
    assertEquals(List.of("order_id", "customer_id", "order_date", "amount"), run.header(SELECT_STAR),
        () -> run.report(SELECT_STAR));
    assertEquals(List.of(List.of("104", "4", "2026-03-09", "15.25")),
        run.columns(SELECT_STAR, "order_id", "customer_id", "order_date", "amount"), () -> run.report(SELECT_STAR));
    // Unquoted names in any case resolve, and come back in lower case.
    assertEquals(List.of("order_id", "amount"), run.header(UPPER_CASE), () -> run.report(UPPER_CASE));
    assertEquals(List.of(List.of("100", "120.50"), List.of("101", "35.00")),
        run.columns(UPPER_CASE, "order_id", "amount"), () -> run.report(UPPER_CASE));
    // The catalog reports the names a consumer writes.
    assertEquals(List.of(List.of("order_id"), List.of("customer_id"), List.of("order_date"), List.of("amount")),
        run.columns(CATALOG, "column_name"), () -> run.report(CATALOG));
  }
}
