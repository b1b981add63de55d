package dev.meshkit.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries with the spec's validation parameters, from {@code tpch/qNN.sql}. They are
 * written over bare table names; the mesh sees each table as a product of its domain.
 */
final class TpchQueries {

  /** A table reference: a table name right after FROM, JOIN or a comma (the queries list one per line). */
  private static final Pattern TABLE_REFERENCE = Pattern.compile(
      "(?i)(\\bfrom\\s+|\\bjoin\\s+|,\\s*)("
          + Arrays.stream(TpchSchema.values()).map(TpchSchema::tableName).collect(Collectors.joining("|"))
          + ")\\b");

  /** The outer ORDER BY up to FETCH FIRST, if any: no TPC-H query orders a subquery, so it is the first. */
  private static final Pattern ORDER_BY =
      Pattern.compile("(?is)\\border\\s+by\\s+(.*?)(?:\\bfetch\\s+first\\b.*)?$");

  private TpchQueries() {
  }

  /**
   * One query: its number, the text over bare table names, and the text the H2 reference runs: the
   * same, unless {@code tpch/qNN.reference.sql} gives an equivalent form that H2 can run in time.
   */
  record Query(int number, String sql, String referenceSql) {

    String name() {
      return String.format(Locale.ROOT, "q%02d", number);
    }

    /** For the mesh: every table qualified with its domain, e.g. {@code sales.lineitem}. */
    String forMesh() {
      Matcher m = TABLE_REFERENCE.matcher(sql);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String table = m.group(2).toLowerCase(Locale.ROOT);
        m.appendReplacement(out,
            Matcher.quoteReplacement(m.group(1) + TpchSchema.byName(table).domain() + "." + table));
      }
      return m.appendTail(out).toString();
    }

    /** For the reference database, which holds every table in its default schema. */
    String forReference() {
      return referenceSql;
    }

    /**
     * The result columns the final ORDER BY sorts on, as the names or aliases the query writes;
     * empty when the result order is unspecified.
     */
    List<String> orderBy() {
      Matcher m = ORDER_BY.matcher(sql);
      if (!m.find()) {
        return List.of();
      }
      return Arrays.stream(m.group(1).split(","))
          .map(key -> key.strip().replaceAll("(?i)\\s+(asc|desc)$", "").toLowerCase(Locale.ROOT))
          .toList();
    }
  }

  static List<Query> all() {
    return IntStream.rangeClosed(1, 22).mapToObj(TpchQueries::get).toList();
  }

  static Query get(int number) {
    String sql = read(String.format(Locale.ROOT, "/tpch/q%02d.sql", number));
    if (sql == null) {
      throw new IllegalArgumentException("no TPC-H query " + number);
    }
    String reference = read(String.format(Locale.ROOT, "/tpch/q%02d.reference.sql", number));
    return new Query(number, sql, reference != null ? reference : sql);
  }

  /** A statement from the test resources without its comment lines, or null if there is none. */
  private static String read(String resource) {
    try (InputStream in = TpchQueries.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      // Comments stay in the files for readers; drivers and EXPLAIN get the bare statement.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.strip().startsWith("--"))
          .collect(Collectors.joining("\n"))
          .strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
