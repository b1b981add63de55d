package dev.meshkit.cli;

import dev.meshkit.Mesh;
import dev.meshkit.QualityResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Runs the products' quality checks (and SLA freshness) now and prints the results.",
        "Checks read the whole product, with no policy applying. Exit code 0 when every check passed, "
            + "1 when any failed or could not run."},
    footer = {"", "Examples:", "  meshkit quality mesh.yaml", "  meshkit quality mesh.yaml sales.orders"})
final class QualityCommand extends MeshCommand {

  private static final String[] HEADER = {"product", "check", "status", "observed", "expected", "severity"};

  @Parameters(index = "1..*", paramLabel = "<product>",
      description = "Products to check, as domain.product; without them, every product that is not retired.")
  List<String> products;

  @Override
  public Integer call() throws SQLException {
    try (Mesh mesh = loadMesh()) {
      List<QualityResult> results = run(mesh);
      Iterator<QualityResult> rows = results.iterator();
      ResultPrinter.table(out(), HEADER, new boolean[] {false, false, false, true, false, false},
          () -> rows.hasNext() ? cells(rows.next()) : null);
      long failed = results.stream().filter(r -> r.status().equals("failed")).count();
      long errors = results.stream().filter(r -> r.status().equals("error")).count();
      out().println(results.size() + " checks: " + (results.size() - failed - errors) + " passed, " + failed
          + " failed, " + errors + " could not run.");
      out().flush();
      return failed + errors == 0 ? 0 : MeshkitCommand.FAILURE;
    }
  }

  private List<QualityResult> run(Mesh mesh) {
    List<String> names = products != null ? products : mesh.quality().products();
    try (Progress progress = Progress.on(root().terminal(), "Quality checks")) {
      List<QualityResult> results = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String product = names.get(i);
        progress.starting(product, i, names.size());
        try {
          results.addAll(mesh.quality().run(product));
        } catch (IllegalArgumentException e) {
          throw new CliException("No quality checks for " + product + " in " + descriptor + ": " + e.getMessage(), e);
        }
      }
      return results;
    }
  }

  private static String[] cells(QualityResult r) {
    return new String[] {r.product(), r.checkName(), r.status(), ResultPrinter.cell(r.observedText()),
        r.expected(), r.severity()};
  }
}
