package dev.meshkit.cli;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Lists the mesh's data products, or searches them, best match first.",
        "Without --user it shows the public catalog: active and deprecated products with discoverable: true "
            + "(and any product granted to everyone). With --user it shows that principal's catalog, as the "
            + "catalog schema does: what they may read, unreleased products of their domains, and whether "
            + "they can read each one."},
    footer = {"", "Examples:",
        "  meshkit catalog mesh.yaml",
        "  meshkit catalog mesh.yaml --user ann",
        "  meshkit catalog mesh.yaml customer orders"})
final class CatalogCommand extends MeshCommand {

  /** Asks for the public catalog: a principal with no roles, no attributes and no grant of its own. */
  private static final Principal ANYONE = Principal.of("(anyone)");

  private static final String LIST = "SELECT domain_name || '.' || product_name AS product, version, status, owner,"
      + " description%s FROM catalog.products ORDER BY domain_name, product_name";

  private static final String SEARCH = "SELECT product_name AS product, score, description"
      + " FROM TABLE(catalog.search_products(?))";

  @Option(names = {"-u", "--user"}, paramLabel = "<name>", description = "Show this principal's catalog.")
  String user;

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(index = "1..*", paramLabel = "<term>", description = "Search terms; without them, list every product.")
  List<String> terms;

  @Override
  public Integer call() throws SQLException {
    try (Mesh mesh = loadMesh()) {
      Principal asker = user == null ? ANYONE : principal(mesh, user);
      try (Connection c = mesh.connect(asker)) {
        ResultPrinter printer = new ResultPrinter(out(), format);
        if (terms == null) {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(LIST.formatted(user == null ? "" : ", can_read"))) {
            printer.print(rs);
          }
        } else {
          try (PreparedStatement s = c.prepareStatement(SEARCH)) {
            s.setString(1, String.join(" ", terms));
            try (ResultSet rs = s.executeQuery()) {
              printer.print(rs);
            }
          }
        }
      }
    }
    return 0;
  }
}
