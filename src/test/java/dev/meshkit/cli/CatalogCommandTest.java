package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandTest {

  @TempDir
  Path dir;

  String descriptor;

  @BeforeEach
  void mesh() throws Exception {
    descriptor = CliMesh.write(dir).toString();
  }

  @Test
  void listsThePublicCatalogWithoutAUser() {
    Run run = Cli.run("catalog", descriptor, "--format", "csv");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
        product,version,status,owner,description
        reference.nation,,active,mdm@shop.example,Nations of the world
        sales.customer,,active,sales@shop.example,"One row per customer, with contact details"
        sales.orders,,active,sales@shop.example,One row per customer order
        sales.orders_v1,,deprecated,sales@shop.example,The first orders product
        """, run.out());
  }

  @Test
  void aUserSeesWhatTheyCanRead() {
    Run run = Cli.run("catalog", descriptor, "--user", "bert");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith(
        " product          | version | status     | owner              | description                                | can_read\n"),
        run.out());
    assertTrue(run.out().contains(" sales.customer   | NULL    | active     | sales@shop.example | One row per customer,"
        + " with contact details | true\n"), run.out());
    assertTrue(run.out().contains(" sales.orders     | NULL    | active     | sales@shop.example | One row per customer"
        + " order                 | false\n"), run.out());
    assertTrue(run.out().endsWith("(4 rows)\n"), run.out());
  }

  @Test
  void searchRanksBestFirst() {
    Run run = Cli.run("catalog", descriptor, "contact", "details");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
         product        | score | description
        ----------------+-------+--------------------------------------------
         sales.customer |   2.5 | One row per customer, with contact details
        (1 row)
        """, run.out());
    Run orders = Cli.run("catalog", descriptor, "--user", "ann", "--format", "csv", "orders");
    assertEquals(0, orders.exitCode(), orders::toString);
    // "orders" matches the name of both and the description of orders_v1 only.
    assertEquals("product,score,description\nsales.orders_v1,4.0,The first orders product\n"
        + "sales.orders,3.0,One row per customer order\n", orders.out());
  }

  @Test
  void unknownUserIsAUsageError() {
    Run run = Cli.run("catalog", descriptor, "--user", "zed");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("Unknown user 'zed'"), run.err());
  }
}
