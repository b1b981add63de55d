package dev.meshkit.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.clients.ClientMesh.Target;
import dev.meshkit.clients.ClientMesh.Via;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SchemaCrawler 17.6 with {@code --info-level=maximum}, the most a tool asks of a driver's
 * metadata, run from its command line in a JVM of its own, embedded and remote. It must finish
 * without a warning, invent no types, and show the keys the descriptor declares. One run per way
 * in; each test reads its part of the report.
 */
@Tag("clients")
class SchemaCrawlerTest {

  @RegisterExtension
  static final ClientMesh MESH = new ClientMesh();

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  /** SchemaCrawler logs through java.util.logging ("WARNING: ..."), the mesh through SLF4J ("[main] WARN ..."). */
  private static final Pattern TROUBLE = Pattern.compile("^(WARNING|SEVERE):|^\\[[^\\]]*\\] (WARN|ERROR) ");
  /** A type as a tool prints it from TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS and NULLABLE. */
  private static final Pattern TYPE = Pattern.compile("^(?<name>[A-Z][A-Z0-9_ ]*?)(\\(\\d+(, \\d+)?\\))?( NOT NULL)?$");

  private static final Map<Via, Crawl> CRAWLS = new EnumMap<>(Via.class);

  /** One SchemaCrawler run: the report as parsed, the report's text, its log and the server's log meanwhile. */
  private record Crawl(String name, ChildJvm.Result result, String text, SchemaReport report, String serverLog) {

    /**
     * For assertion messages: how it ended and the report's tables; the whole report and log stay
     * in target/clients, and the end of the log comes along when SchemaCrawler failed.
     */
    String show() {
      StringBuilder show = new StringBuilder(result.command()).append("\nexit code ").append(result.exitCode())
          .append("; log ").append(ChildJvm.LOGS.resolve(name + ".err"))
          .append(", report ").append(ChildJvm.LOGS.resolve(name + ".txt"));
      if (result.exitCode() != 0 || text.isEmpty()) {
        List<String> log = List.of(result.stderr().split("\n"));
        show.append("\n--- end of the log\n").append(String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
      }
      int dataTypes = text.indexOf("\nData Types\n");
      return show.append("\n--- the report's tables\n").append(dataTypes < 0 ? text : text.substring(0, dataTypes)).toString();
    }
  }

  /** A crawl that reached the products: anything less would make the other checks pass on nothing. */
  private static Crawl crawl(Via via) {
    Crawl crawl = run(via);
    assertEquals(0, crawl.result().exitCode(), crawl::show);
    assertTrue(crawl.report().tables.containsKey("sales.orders"), () -> "the report has no sales.orders\n\n" + crawl.show());
    return crawl;
  }

  private static Crawl run(Via via) {
    return CRAWLS.computeIfAbsent(via, v -> {
      Target target = MESH.target(v);
      String name = "schemacrawler-" + v.name().toLowerCase(Locale.ROOT);
      Path report = ChildJvm.LOGS.resolve(name + ".txt");
      int mark = v == Via.EMBEDDED ? 0 : MESH.serverLogMark();
      try {
        Files.deleteIfExists(report);
        ChildJvm.Result result = ChildJvm.run(name, TIMEOUT, "schemacrawler.Main", List.of(
            "--url=" + target.url(), "--user=" + target.user(), "--password=" + target.password(),
            "--info-level=maximum", "--command=details", "--output-format=text",
            "--output-file=" + report, "--log-level=INFO"));
        String text = Files.exists(report) ? Files.readString(report) : "";
        String serverLog = v == Via.EMBEDDED ? "" : MESH.serverLogSince(mark);
        return new Crawl(name, result, text, SchemaReport.parse(text), serverLog);
      } catch (IOException e) {
        return fail("cannot run SchemaCrawler: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while SchemaCrawler ran", e);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void finishesWithoutWarningsOrErrors(Via via) {
    Crawl crawl = crawl(via);
    List<String> trouble = new ArrayList<>(trouble("SchemaCrawler", crawl.result().stdout() + "\n" + crawl.result().stderr()));
    trouble.addAll(trouble("meshkit serve", crawl.serverLog()));
    assertEquals(List.of(), trouble, () -> "warnings or errors while SchemaCrawler ran:\n" + String.join("\n", trouble)
        + "\n\n" + crawl.show());
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void inventsNoUserDefinedTypes(Via via) {
    Crawl crawl = crawl(via);
    assertEquals(Set.of(), crawl.report().userDefinedTypes, crawl::show);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void printsEachColumnTypeOnceFromTheDriversTypes(Via via) {
    Crawl crawl = crawl(via);
    Map<String, String> wrong = new TreeMap<>();
    crawl.report().tables.values().forEach(table -> table.columns().forEach((column, type) -> {
      Matcher printed = TYPE.matcher(type);
      if (!printed.matches() || !crawl.report().dataTypes.contains(printed.group("name"))) {
        wrong.put(table.name() + "." + column, type);
      }
    }));
    assertEquals(Map.of(), wrong, () -> "columns whose type is not a bare name of the driver's types "
        + crawl.report().dataTypes + " with one size and NOT NULL at most\n\n" + crawl.show());
    Map<String, String> orders = new LinkedHashMap<>();
    orders.put("order_id", "INTEGER NOT NULL");
    orders.put("customer_id", "INTEGER");
    orders.put("order_date", "DATE");
    orders.put("amount", "DECIMAL(10, 2)");
    assertEquals(orders, table(crawl, "sales.orders").columns(), crawl::show);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void printsNamesInLowerCase(Via via) {
    Crawl crawl = crawl(via);
    Set<String> upper = new TreeSet<>();
    crawl.report().tables.values().forEach(table -> {
      if (!table.name().equals(table.name().toLowerCase(Locale.ROOT))) {
        upper.add(table.name());
      }
      table.columns().keySet().stream().filter(c -> !c.equals(c.toLowerCase(Locale.ROOT)))
          .forEach(c -> upper.add(table.name() + "." + c));
    });
    assertEquals(Set.of(), upper, crawl::show);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void printsThePrimaryKeysTheDescriptorDeclares(Via via) {
    Crawl crawl = crawl(via);
    Map<String, List<String>> keys = new TreeMap<>();
    crawl.report().tables.values().stream()
        .filter(t -> !t.primaryKey().isEmpty() && !t.name().startsWith("catalog."))
        .forEach(t -> keys.put(t.name(), t.primaryKey()));
    // orders and nation: the first column declared required and unique; customer: primaryKey: [customer_id].
    assertEquals(Map.of("sales.orders", List.of("order_id"), "sales.customer", List.of("customer_id"),
        "reference.nation", List.of("nation_id")), keys, crawl::show);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void printsTheForeignKeysTheDescriptorDeclares(Via via) {
    Crawl crawl = crawl(via);
    Set<String> references = new TreeSet<>();
    crawl.report().tables.values().forEach(t -> references.addAll(t.foreignKeys()));
    assertEquals(Set.of("sales.orders.customer_id -> sales.customer.customer_id",
        "sales.customer.nation_id -> reference.nation.nation_id"), references, crawl::show);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void printsUniqueIndexesOnTheUniqueColumns(Via via) {
    Crawl crawl = crawl(via);
    assertTrue(table(crawl, "sales.customer").uniqueIndexes().contains(List.of("name")), crawl::show);
    assertTrue(table(crawl, "sales.orders").uniqueIndexes().contains(List.of("order_id")), crawl::show);
  }

  private static SchemaReport.Table table(Crawl crawl, String name) {
    SchemaReport.Table table = crawl.report().tables.get(name);
    if (table == null) {
      fail("the report has no table " + name + "\n\n" + crawl.show());
    }
    return table;
  }

  /** The warning and error lines of a log; java.util.logging's come with the line after, where it puts the cause. */
  private static List<String> trouble(String who, String log) {
    List<String> found = new ArrayList<>();
    String[] lines = log.split("\n");
    for (int i = 0; i < lines.length; i++) {
      Matcher trouble = TROUBLE.matcher(lines[i]);
      if (trouble.find()) {
        boolean julCause = trouble.group(1) != null && i + 1 < lines.length;
        found.add(who + ": " + lines[i] + (julCause ? "\n    " + lines[i + 1] : ""));
      }
    }
    return found;
  }
}
