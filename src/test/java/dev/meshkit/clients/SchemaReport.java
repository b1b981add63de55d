package dev.meshkit.clients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SchemaCrawler's text report ({@code --command=details}) read back: each table's columns with
 * the type SchemaCrawler prints, its primary key, the foreign keys it declares and its unique
 * indexes, and the data types the report lists. Names lose the double quotes SchemaCrawler puts
 * around some of them.
 */
final class SchemaReport {

  /** One table of the report; foreign keys read "sales.orders.customer_id -> sales.customer.customer_id". */
  record Table(String name, Map<String, String> columns, List<String> primaryKey, List<String> foreignKeys,
      List<List<String>> uniqueIndexes) {
  }

  private static final Pattern ITEM = Pattern.compile("^\\s*(.*?)\\s*\\[([^\\]]+)\\]\\s*$");
  private static final Pattern COLUMN = Pattern.compile("^  (\\S+)(?:\\s+(.*?))?\\s*$");
  private static final Pattern REFERENCES = Pattern.compile("^\\s*(\\S+) \\([^)]*\\)--> (\\S+)\\s*$");

  final Map<String, Table> tables = new LinkedHashMap<>();
  final Set<String> dataTypes = new TreeSet<>();
  final Set<String> userDefinedTypes = new TreeSet<>();

  private SchemaReport() {
  }

  static SchemaReport parse(String text) {
    SchemaReport report = new SchemaReport();
    String[] lines = text.split("\n");
    String part = "";
    Table table = null;
    String subsection = null;
    String item = null;
    List<String> index = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      String next = i + 1 < lines.length ? lines[i + 1] : "";
      if (line.isEmpty()) {
        continue;
      }
      if (next.startsWith("=====")) {
        part = line.strip();
        table = null;
        i++;
        continue;
      }
      Matcher itemLine = ITEM.matcher(line);
      if (part.equals("Tables") && next.startsWith("-----") && itemLine.matches()) {
        table = new Table(unquote(itemLine.group(1)), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
        report.tables.put(table.name(), table);
        subsection = null;
        item = null;
        i++;
        continue;
      }
      if (part.equals("Data Types") && itemLine.matches()) {
        (itemLine.group(2).equals("user defined data type") ? report.userDefinedTypes : report.dataTypes)
            .add(itemLine.group(1));
        continue;
      }
      if (table == null) {
        continue;
      }
      if (itemLine.matches() && subsection != null) {
        item = itemLine.group(2);
        index = null;
        if (item.equals("unique index")) {
          index = new ArrayList<>();
          table.uniqueIndexes().add(index);
        }
        continue;
      }
      if (!line.startsWith(" ")) {
        // A subsection heading ("Primary Key", "Foreign Keys", "Indexes", ...) or, before any, the table's remarks.
        if (!table.columns().isEmpty()) {
          subsection = line;
          item = null;
        }
        continue;
      }
      Matcher column = COLUMN.matcher(line);
      if (subsection == null) {
        if (column.matches()) {
          table.columns().put(unquote(column.group(1)), column.group(2) == null ? "" : column.group(2));
        }
      } else if ("primary key".equals(item) && column.matches()) {
        table.primaryKey().add(unquote(column.group(1)));
      } else if (index != null && column.matches()) {
        index.add(unquote(column.group(1)));
      } else if (item != null && item.startsWith("foreign key")) {
        Matcher references = REFERENCES.matcher(line);
        if (references.matches()) {
          table.foreignKeys().add(table.name() + "." + unquote(references.group(1)) + " -> "
              + unquote(references.group(2)));
        }
      }
    }
    return report;
  }

  private static String unquote(String name) {
    return name.replace("\"", "");
  }
}
