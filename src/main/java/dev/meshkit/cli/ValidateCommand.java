package dev.meshkit.cli;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Loads the mesh, checks every product and the governance standards, and prints what it finds.",
        "Exit code 0 when the mesh is clean, 1 when anything was found."},
    footer = {"", "Example:", "  meshkit validate mesh.yaml"})
final class ValidateCommand extends MeshCommand {

  @Override
  public Integer call() {
    PrintWriter out = out();
    Mesh loaded;
    try {
      loaded = loadMesh();
    } catch (MeshException e) {
      List<String> problems = e.problems();
      out.println(descriptor + ": the mesh does not load (" + count(problems.size(), "problem") + "):");
      problems.forEach(p -> out.println("  " + p));
      out.flush();
      return MeshkitCommand.FAILURE;
    }
    try (Mesh mesh = loaded) {
      Map<String, String> unavailable = mesh.unavailableProducts();
      List<GovernanceFinding> findings = mesh.governanceFindings();
      out.println("Mesh '" + mesh.name() + "' loaded from " + descriptor + "; every product's SQL is valid.");
      if (!unavailable.isEmpty()) {
        out.println();
        out.println("Unavailable products (" + unavailable.size() + "), their source did not answer:");
        unavailable.forEach((product, reason) -> out.println("  " + product + ": " + reason));
      }
      for (GovernanceFinding.Severity severity : GovernanceFinding.Severity.values()) {
        List<GovernanceFinding> some = findings.stream().filter(f -> f.severity() == severity).toList();
        if (!some.isEmpty()) {
          out.println();
          out.println("Governance " + (severity == GovernanceFinding.Severity.ERROR ? "errors" : "warnings")
              + " (" + some.size() + "):");
          some.forEach(f -> out.println("  " + f.location() + ": " + f.subject() + ": " + f.message()
              + " [" + f.rule() + "]"));
        }
      }
      out.println();
      boolean clean = unavailable.isEmpty() && findings.isEmpty();
      List<String> found = new ArrayList<>();
      if (!unavailable.isEmpty()) {
        found.add(count(unavailable.size(), "unavailable product"));
      }
      if (!findings.isEmpty()) {
        found.add(count(findings.size(), "governance finding"));
      }
      out.println(clean ? "OK: no problems found." : "Found " + String.join(" and ", found) + ".");
      out.flush();
      return clean ? 0 : MeshkitCommand.FAILURE;
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
