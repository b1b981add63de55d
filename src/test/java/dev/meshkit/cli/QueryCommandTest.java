package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.MeshTesting;
import dev.meshkit.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {

  @TempDir
  Path dir;

  String descriptor;

  @BeforeEach
  void mesh() throws Exception {
    descriptor = CliMesh.write(dir).toString();
  }

  @Test
  void tableAlignsColumnsRightAlignsNumbersAndShowsNull() {
    Run run = Cli.run("query", descriptor, "--user", "ann", "SELECT * FROM sales.orders ORDER BY order_id");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
         order_id | customer_id | amount  | note
        ----------+-------------+---------+-------------------
               10 |           1 |  120.50 | first, with comma
               11 |           2 |   80.00 | NULL
               12 |           2 | 1500.25 | say "hi"
        (3 rows)
        """, run.out());
    assertEquals("", run.err());
  }

  @Test
  void rowFiltersAndMasksApplyForTheUser() {
    String sql = "SELECT customer_id, phone FROM sales.customer ORDER BY customer_id";
    Run bert = Cli.run("query", descriptor, "--user", "bert", "--format", "csv", sql);
    assertEquals(0, bert.exitCode(), bert::toString);
    assertEquals("customer_id,phone\n2,XXXX0202\n3,\n", bert.out());
    Run cora = Cli.run("query", descriptor, "-u", "cora", "--format", "csv", sql);
    assertEquals("customer_id,phone\n1,555-0101\n2,555-0202\n3,\n", cora.out());
    Run denied = Cli.run("query", descriptor, "--user", "bert", "SELECT * FROM sales.orders");
    assertEquals(1, denied.exitCode(), denied::toString);
    assertTrue(denied.err().startsWith("Query failed for user bert on " + descriptor + ": "), denied.err());
  }

  @Test
  void csvQuotesWhatNeedsQuoting() {
    Run run = Cli.run("query", descriptor, "--user", "ann", "--format", "csv",
        "SELECT order_id, note FROM sales.orders ORDER BY order_id");
    assertEquals("order_id,note\n10,\"first, with comma\"\n11,\n12,\"say \"\"hi\"\"\"\n", run.out());
  }

  @Test
  void jsonKeepsNumbersNumbersAndNullsNull() throws Exception {
    Run run = Cli.run("query", descriptor, "--user", "ann", "--format", "json",
        "SELECT order_id, amount, note, amount > 100 AS big FROM sales.orders ORDER BY order_id");
    assertEquals(0, run.exitCode(), run::toString);
    JsonNode rows = new ObjectMapper().readTree(run.out());
    assertEquals(3, rows.size());
    assertEquals(10, rows.get(0).get("order_id").intValue());
    // Decimals keep their scale, as the source stores them.
    assertTrue(run.out().contains("\"amount\":120.50,"), run.out());
    assertTrue(rows.get(1).get("note").isNull());
    assertTrue(rows.get(2).get("big").booleanValue());
    assertEquals("say \"hi\"", rows.get(2).get("note").textValue());
    assertEquals(5, run.out().lines().count(), "one row a line between the brackets: " + run.out());
  }

  @Test
  void deprecationWarningGoesToStderr() {
    Run run = Cli.run("query", descriptor, "--user", "ann", "--format", "csv", "SELECT COUNT(*) AS n FROM sales.orders_v1");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("n\n3\n", run.out());
    assertTrue(run.err().startsWith("Warning: data product sales.orders_v1 is deprecated; use sales.orders instead"),
        run.err());
  }

  @Test
  void sqlErrorIsOneSentenceAndExitsOne() {
    Run run = Cli.run("query", descriptor, "--user", "ann", "SELECT nope FROM sales.orders");
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("Query failed for user ann on " + descriptor + ": "), run.err());
    assertTrue(run.err().contains("Column 'nope' not found"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run run = Cli.run("query", descriptor, "--user", "ann", "--verbose", "SELECT nope FROM sales.orders");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("\tat "), run.err());
  }

  @Test
  void unknownUserIsAUsageError() {
    Run run = Cli.run("query", descriptor, "--user", "zed", "SELECT 1");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("Unknown user 'zed': " + descriptor
        + " declares no principal of that name under 'principals:'.\n"), run.err());
    assertTrue(run.err().contains("Try 'meshkit query --help' for more information."), run.err());
  }

  @Test
  void missingUserAndUnknownOptionAreUsageErrors() {
    Run noUser = Cli.run("query", descriptor, "SELECT 1");
    assertEquals(2, noUser.exitCode(), noUser::toString);
    assertTrue(noUser.err().startsWith("Missing required option: '--user=<name>'."), noUser.err());
    Run unknown = Cli.run("query", descriptor, "--user", "ann", "--colour", "SELECT 1");
    assertEquals(2, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().startsWith("Unknown option: '--colour'."), unknown.err());
    Run format = Cli.run("query", descriptor, "--user", "ann", "--format", "xml", "SELECT 1");
    assertEquals(2, format.exitCode(), format::toString);
    assertTrue(format.err().contains("xml"), format.err());
  }

  @Test
  void sqlFromStdinAndFromAFileMayHoldSeveralStatements() {
    String script = "-- two checks\nSELECT COUNT(*) AS orders FROM sales.orders;\n"
        + "SELECT name FROM reference.nation WHERE name = 'a;b' OR nation_id = 2;\n";
    Run stdin = Cli.runWithInput(script, "query", descriptor, "--user", "ann", "--format", "csv");
    assertEquals(0, stdin.exitCode(), stdin::toString);
    assertEquals("orders\n3\nname\nJapan\n", stdin.out());
    Path file = MeshTesting.write(dir.resolve("checks.sql"), script);
    Run fromFile = Cli.run("query", descriptor, "--user", "ann", "--format", "csv", "-f", file.toString());
    assertEquals(stdin.out(), fromFile.out());
    Run missing = Cli.run("query", descriptor, "--user", "ann", "-f", dir.resolve("none.sql").toString());
    assertEquals(2, missing.exitCode(), missing::toString);
    assertTrue(missing.err().startsWith("SQL file not found: "), missing.err());
  }

  @Test
  void noSqlAtAllIsAUsageError() {
    Run run = Cli.runWithInput("  -- nothing\n", "query", descriptor, "--user", "ann");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("No SQL to run"), run.err());
  }

  @Test
  void aLongTableStreamsPastItsWidthSample() throws Exception {
    String url = MeshTesting.h2("cli_long", "CREATE TABLE n AS SELECT X AS n, 'v' || X AS label FROM SYSTEM_RANGE(1, 1500)");
    Path mesh = MeshTesting.write(dir.resolve("long.yaml"), """
        name: long
        domains:
          - name: d
            owner: d@x.example
            sources: [{name: db, type: jdbc, url: "%s", user: sa}]
            products: [{name: numbers, description: Numbers, sql: "SELECT * FROM db.n"}]
        principals: [{name: ann}]
        policies: [{name: all, grant: {products: ["*"]}}]
        """.formatted(url));
    Run run = Cli.run("query", mesh.toString(), "--user", "ann", "SELECT * FROM d.numbers ORDER BY n");
    assertEquals(0, run.exitCode(), run::toString);
    var lines = run.out().lines().toList();
    assertEquals(1503, lines.size());
    // Widths come from the first 1000 rows ("v1000" is 5 wide); later rows keep them.
    assertEquals("    1 | v1",  lines.get(2));
    assertEquals(" 1500 | v1500", lines.get(1501));
    assertEquals("(1500 rows)", lines.get(1502));
    assertFalse(run.out().contains("NULL"));
  }
}
