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
