package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageCommandTest {

  @TempDir
  Path dir;

  String descriptor;

  @BeforeEach
  void mesh() throws Exception {
    descriptor = CliMesh.write(dir).toString();
  }

  @Test
  void wholeMeshAsMermaid() {
    Run run = Cli.run("lineage", descriptor);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("flowchart LR\n"), run.out());
    assertTrue(run.out().contains("  s_sales_erp_ORDERS --> p_sales_orders\n"), run.out());
    assertTrue(run.out().contains("  s_reference_files_nation --> p_reference_nation\n"), run.out());
  }

  @Test
  void oneProductAsDot() {
    Run run = Cli.run("lineage", descriptor, "sales.orders", "--format", "dot");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
        digraph lineage {
          rankdir=LR;
          p_sales_orders [label="sales.orders", shape=box];
          s_sales_erp_ORDERS [label="erp.ORDERS", shape=cylinder];
          s_sales_erp_ORDERS -> p_sales_orders;
        }
        """, run.out());
  }

  @Test
  void forAUserOnlyWhatTheyMaySee() {
    // bert may see inside no product: every source table is a hidden input.
    Run run = Cli.run("lineage", descriptor, "sales.customer", "--user", "bert", "--format", "dot");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
        digraph lineage {
          rankdir=LR;
          p_sales_customer [label="sales.customer", shape=box];
          h_sales_customer [label="(hidden)", shape=box, style=dashed];
          h_sales_customer -> p_sales_customer;
        }
        """, run.out());
    Run unknown = Cli.run("lineage", descriptor, "--user", "nobody");
    assertEquals(2, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().startsWith("Unknown user 'nobody'"), unknown.err());
  }

  @Test
  void unknownProductFailsAndUnknownFormatIsAUsageError() {
    Run product = Cli.run("lineage", descriptor, "sales.nope");
    assertEquals(1, product.exitCode(), product::toString);
    assertEquals("No lineage for sales.nope in " + descriptor + ": no data product sales.nope in the catalog\n",
        product.err());
    Run format = Cli.run("lineage", descriptor, "--format", "svg");
    assertEquals(2, format.exitCode(), format::toString);
    assertTrue(format.err().startsWith("Invalid value for option '--format': expected one of [mermaid, dot]"),
        format.err());
  }
}
