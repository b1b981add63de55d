package dev.meshkit.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.model.BuiltInMask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documentation's table of built-in masks says what {@link BuiltInMask} says: the governance
 * guide's table if the guide exists, else the README's. The masks table is the Markdown table whose
 * first column names {@code hash}; each of its rows holds the mask's description and result type.
 */
class BuiltInMasksDocTest {

  private static final Path GUIDE = Path.of("docs", "governance.md");
  private static final Path README = Path.of("README.md");

  @Test
  void theDocsTableOfMasksMatchesTheEnum() throws IOException {
    Path doc = Files.exists(GUIDE) ? GUIDE : README;
    Map<String, String> rows = masksTable(Files.readAllLines(doc, StandardCharsets.UTF_8), doc);

    assertEquals(BuiltInMask.names(), List.copyOf(rows.keySet()), doc + ": the masks in its table");
    for (BuiltInMask mask : BuiltInMask.values()) {
      String row = rows.get(mask.descriptorName());
      assertTrue(row.contains(mask.description()),
          doc + ": the row of " + mask.descriptorName() + " should say \"" + mask.description() + "\": " + row);
      assertTrue(row.contains("| " + mask.resultType().label() + " |"),
          doc + ": the row of " + mask.descriptorName() + " should give the result type \""
              + mask.resultType().label() + "\": " + row);
    }
  }

  /** The rows of the table whose first column names hash, by the mask's name, in the table's order. */
  private static Map<String, String> masksTable(List<String> lines, Path doc) {
    for (List<String> table : tables(lines)) {
      Map<String, String> rows = new LinkedHashMap<>();
      // a header row, a separator row, then the body
      for (String row : table.subList(Math.min(2, table.size()), table.size())) {
        rows.put(firstCell(row), row);
      }
      if (rows.containsKey(BuiltInMask.HASH.descriptorName())) {
        return rows;
      }
    }
    return fail(doc + " has no Markdown table whose first column names `hash`");
  }

  private static List<List<String>> tables(List<String> lines) {
    List<List<String>> tables = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.strip().startsWith("|")) {
        if (current == null) {
          current = new ArrayList<>();
          tables.add(current);
        }
        current.add(line.strip());
      } else {
        current = null;
      }
    }
    return tables;
  }

  private static String firstCell(String row) {
    String[] cells = row.split("\\|", -1);
    return cells.length < 2 ? "" : cells[1].replace("`", "").strip();
  }
}
