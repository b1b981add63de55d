package dev.meshkit.cli;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.ProductContract;
import dev.meshkit.contract.ColumnChange;
import dev.meshkit.contract.ContractCheck;
import dev.meshkit.contract.ContractReport;
import dev.meshkit.contract.MeshContracts;
import dev.meshkit.contract.PolicyChange;
import dev.meshkit.contract.ProductChange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compares two versions of a mesh: products added, removed and changed, schema changes classified"
        + " breaking or compatible, the version bumps they need, and policy changes.",
        "OLD is a descriptor or a running server (jdbc:meshkit:remote:http://host:port, or http://host:port);"
            + " NEW is a descriptor. Both load as they would to serve: every source must answer.",
        "Exit code 1 when the new version would be refused (a breaking change without a major version bump, an"
            + " active product removed, a product that cannot become active), 0 otherwise."},
    footer = {"", "Examples:",
        "  meshkit diff ../main/mesh.yaml mesh.yaml",
        "  printf '%%s\\n' \"$PASSWORD\" | meshkit diff https://mesh.example.com mesh.yaml --user ci --password-stdin"})
final class DiffCommand implements Callable<Integer> {

  private static final String REMOTE = "jdbc:meshkit:remote:";

  @Parameters(index = "0", paramLabel = "OLD", description = "The running version: a descriptor, or a server's URL.")
  String old;

  @Parameters(index = "1", paramLabel = "NEW", description = "The new version's descriptor.")
  Path now;

  @Option(names = "--user", paramLabel = "NAME", description = "Who logs in to a server given as OLD.")
  String user;

  @Option(names = "--password-stdin", description = "Reads the password for --user from the first line of"
      + " standard input (never an argument, where the shell history would keep it).")
  boolean passwordStdin;

  @Spec
  CommandSpec spec;

  @ParentCommand
  MeshkitCommand root;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    boolean remote = old.startsWith(REMOTE) || old.startsWith("http://") || old.startsWith("https://");
    if (!remote) {
      readable(Path.of(old), "OLD");
    }
    readable(now, "NEW");
    MeshContracts before;
    if (remote) {
      before = fromServer(old.startsWith(REMOTE) ? old : REMOTE + old);
    } else {
      Mesh oldMesh;
      try {
        oldMesh = Mesh.builder().descriptor(Path.of(old)).build();
      } catch (MeshException e) {
        return doesNotLoad(out, "OLD", old, e);
      }
      // Closed before NEW loads, which may use the same in-memory databases.
      try (oldMesh) {
        if (!oldMesh.unavailableProducts().isEmpty()) {
          return unavailable(out, "OLD", old, oldMesh.unavailableProducts());
        }
        before = new MeshContracts(oldMesh.contracts(), oldMesh.policies());
      }
    }
    Mesh mesh;
    try {
      mesh = Mesh.builder().descriptor(now).build();
    } catch (MeshException e) {
      return doesNotLoad(out, "NEW", now.toString(), e);
    }
    try (mesh) {
      if (!mesh.unavailableProducts().isEmpty()) {
        return unavailable(out, "NEW", now.toString(), mesh.unavailableProducts());
      }
      ContractReport report = ContractCheck.check(before, new MeshContracts(mesh.contracts(), mesh.policies()),
          mesh.quality());
      print(out, report, before.policies() != null);
      out.flush();
      return report.refused() ? MeshkitCommand.FAILURE : 0;
    }
  }

  private void readable(Path file, String which) {
    if (!Files.exists(file)) {
      throw new ParameterException(spec.commandLine(), which + " descriptor file not found: " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), which + " descriptor is not a readable file: " + file);
    }
  }

  private static int doesNotLoad(PrintWriter out, String which, String where, MeshException e) {
    out.println(which + " (" + where + ") does not load (" + e.problems().size() + " problem"
        + (e.problems().size() == 1 ? "" : "s") + "):");
    e.problems().forEach(p -> out.println("  " + p));
    out.flush();
    return MeshkitCommand.FAILURE;
  }

  /** A product whose source did not answer has no known schema: comparing without it could pass a breaking change. */
  private static int unavailable(PrintWriter out, String which, String where, Map<String, String> products) {
    out.println(which + " (" + where + ") cannot be compared: the source of " + products.size() + " product"
        + (products.size() == 1 ? "" : "s") + " did not answer:");
    products.forEach((product, reason) -> out.println("  " + product + ": " + reason));
    out.flush();
    return MeshkitCommand.FAILURE;
  }

  /**
   * What a server's catalog publishes to the user: versions, statuses and column types. It does not
   * publish required, unique or its policies, so those are not compared.
   */
  private MeshContracts fromServer(String url) throws IOException {
    Properties login = new Properties();
    if (user != null) {
      login.setProperty("user", user);
    }
    if (passwordStdin) {
      if (user == null) {
        throw new ParameterException(spec.commandLine(), "--password-stdin needs --user");
      }
      String line = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)).readLine();
      login.setProperty("password", line == null ? "" : line);
    }
    Map<String, List<ProductContract.Column>> columns = new LinkedHashMap<>();
    List<ProductContract> products = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, login); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT domain_name, product_name, column_name, data_type, nullable"
          + " FROM catalog.columns ORDER BY domain_name, product_name, ordinal_position")) {
        while (rs.next()) {
          String type = rs.getString(4);
          Object nullable = rs.getObject(5);
          List<ProductContract.Column> list = columns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2),
              k -> new ArrayList<>());
          if (type != null) {
            list.add(new ProductContract.Column(rs.getString(3), type, (Boolean) nullable, null, null));
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT domain_name, product_name, version, status FROM catalog.products")) {
        while (rs.next()) {
          String name = rs.getString(1) + "." + rs.getString(2);
          List<ProductContract.Column> known = columns.get(name);
          products.add(new ProductContract(name, rs.getString(3), rs.getString(4), url.substring(REMOTE.length()),
              known == null || known.isEmpty() ? null : known, List.of()));
        }
      }
    } catch (SQLException e) {
      throw new CliException("OLD (" + url + ") cannot be read: " + e.getMessage(), e);
    }
    return new MeshContracts(products, null);
  }

  private static void print(PrintWriter out, ContractReport report, boolean policiesKnown) {
    List<ProductChange> changed = report.products().stream().filter(ProductChange::changed).toList();
    out.println("Products (" + changed.size() + " of " + report.products().size() + " changed):");
    if (changed.isEmpty()) {
      out.println("  none changed");
    }
    for (ProductChange p : changed) {
      // A product whose schema is the same but whose version or status moved is "changed".
      String kind = p.kind() == ProductChange.Kind.UNCHANGED ? "changed" : p.kind().name().toLowerCase(Locale.ROOT);
      out.println("  " + kind + " " + p.product() + " " + versions(p) + statuses(p)
          + (p.kind() == ProductChange.Kind.UNCHANGED ? ", same schema" : "") + bump(p));
      for (ColumnChange c : p.columns()) {
        out.println("    " + c.describe() + " (" + (c.breaking() ? "breaking" : "compatible") + ")");
      }
    }
    out.println();
    if (!policiesKnown) {
      out.println("Policies: not compared (a server does not publish its policies).");
    } else {
      out.println("Policies (" + report.policies().size() + " changed):");
      if (report.policies().isEmpty()) {
        out.println("  none changed");
      }
      for (PolicyChange p : report.policies()) {
        out.println("  " + p.kind().name().toLowerCase(Locale.ROOT) + " " + p.name() + ": "
            + (p.kind() == PolicyChange.Kind.CHANGED ? p.before() + " -> " + p.after()
                : p.after() != null ? p.after() : p.before()));
      }
    }
    findings(out, "Errors", report.errors());
    findings(out, "Warnings", report.warnings());
    out.println();
    out.println(report.refused() ? "Refused: the new version breaks " + report.errors().size() + " rule"
        + (report.errors().size() == 1 ? "" : "s") + " above." : "Accepted: the new version would load.");
  }

  private static String versions(ProductChange p) {
    String before = p.beforeVersion() == null ? "(no version)" : p.beforeVersion();
    String after = p.afterVersion() == null ? "(no version)" : p.afterVersion();
    return switch (p.kind()) {
      case ADDED -> after;
      case REMOVED -> before;
      default -> before.equals(after) ? before : before + " -> " + after;
    };
  }

  private static String statuses(ProductChange p) {
    if (p.beforeStatus() == null || p.afterStatus() == null || p.beforeStatus().equals(p.afterStatus())) {
      return " (" + (p.afterStatus() != null ? p.afterStatus() : p.beforeStatus()) + ")";
    }
    return " (" + p.beforeStatus() + " -> " + p.afterStatus() + ")";
  }

  private static String bump(ProductChange p) {
    if (p.kind() == ProductChange.Kind.ADDED || p.kind() == ProductChange.Kind.REMOVED) {
      return "";
    }
    String made = "; bump made: " + p.made().word();
    return switch (p.required()) {
      case MAJOR -> "; needs a major bump" + made;
      case MINOR -> "; needs a minor bump" + made;
      default -> p.contracted() ? "; no bump needed" + made : "; not under contract (was not active)" + made;
    };
  }

  private static void findings(PrintWriter out, String title, List<GovernanceFinding> findings) {
    if (!findings.isEmpty()) {
      out.println();
      out.println(title + " (" + findings.size() + "):");
      findings.forEach(f -> out.println("  " + f));
    }
  }
}
