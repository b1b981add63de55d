package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.Mesh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples of docs/sql.md answer as the page says: each row of its table whose header is
 * {@code | statement | answer |} runs on the example mesh as ann and gives the answer (its columns'
 * values joined by ", ") or fails with the SQLState of {@code error NNNNN}.
 */
class SqlExamplesTest {

  private static final Path PAGE = Path.of("docs", "sql.md");
  private static Mesh mesh;

  /** One row of the table: the statement and what it answers. */
  record Example(String statement, String answer) {
  }

  @BeforeAll
  static void load() {
    mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @TestFactory
  Stream<DynamicTest> everyExampleAnswersAsThePageSays() throws IOException {
    List<Example> examples = examples(Files.readAllLines(PAGE));
    assertFalse(examples.isEmpty(), PAGE + " has no table headed | statement | answer |");
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.statement(), () -> check(e)));
  }

  private static void check(Example example) throws SQLException {
    try (Connection c = mesh.connect(mesh.principal("ann").orElseThrow()); Statement s = c.createStatement()) {
      String answer;
      try (ResultSet rs = s.executeQuery(example.statement())) {
        List<String> values = new ArrayList<>();
        if (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            values.add(rs.getString(i));
          }
        }
        answer = String.join(", ", values);
      } catch (SQLException e) {
        answer = "error " + e.getSQLState();
      }
      assertEquals(example.answer(), answer, example.statement());
    }
  }

  private static List<Example> examples(List<String> lines) {
    List<Example> examples = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines) {
      String row = line.strip();
      if (row.replace(" ", "").equals("|statement|answer|")) {
        inTable = true;
      } else if (!row.startsWith("|")) {
        inTable = false;
      } else if (inTable && !row.startsWith("|---")) {
        String[] cells = row.split("(?<!\\\\)\\|"); // a pipe inside a cell is escaped: \\|
        if (cells.length != 3) {
          fail(PAGE + ": an example row needs two cells: " + row);
        }
        examples.add(new Example(unquote(cells[1]), unquote(cells[2])));
      }
    }
    return examples;
  }

  /** A cell's text without the backticks around its code. */
  private static String unquote(String cell) {
    return cell.strip().replace("`", "").replace("\\|", "|");
  }
}
