package dev.meshkit.cli;

import dev.meshkit.Mesh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs SQL as a principal of the mesh and prints the result.",
        "The SQL comes from the argument, from -f FILE, or from standard input; several statements are "
            + "separated by ';'."},
    footer = {"", "Examples:",
        "  meshkit query mesh.yaml --user ann \"SELECT * FROM sales.orders\"",
        "  meshkit query mesh.yaml --user ann --format csv -f report.sql > report.csv",
        "  echo 'SELECT COUNT(*) FROM sales.orders;' | meshkit query mesh.yaml --user ann"})
final class QueryCommand extends MeshCommand {

  @Option(names = {"-u", "--user"}, required = true, paramLabel = "<name>",
      description = "The principal to query as, declared under 'principals:' in the descriptor.")
  String user;

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Read the SQL from this file ('-' for stdin).")
  Path file;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<sql>", description = "The SQL to run.")
  String sql;

  @Override
  public Integer call() throws SQLException {
    List<String> statements = SqlScript.split(sqlText());
    if (statements.isEmpty()) {
      throw usage("No SQL to run: the input holds no statement");
    }
    try (Mesh mesh = loadMesh(); Connection connection = mesh.connect(principal(mesh, user))) {
      ResultPrinter printer = new ResultPrinter(out(), format);
      for (String statement : statements) {
        try {
          Statements.run(connection, statement, printer, err());
        } catch (SQLException e) {
          throw new CliException("Query failed for user " + user + " on " + descriptor + ": " + e.getMessage()
              + (statements.size() > 1 ? " (statement: " + abbreviate(statement) + ")" : ""), e);
        }
      }
    }
    return 0;
  }

  private String sqlText() {
    if (sql != null && file != null) {
      throw usage("Give the SQL either as an argument or with --file, not both");
    }
    if (sql != null) {
      return sql;
    }
    if (file == null && root().terminal()) {
      throw usage("Missing SQL: give it as an argument, with --file, or on standard input");
    }
    try {
      if (file == null || file.toString().equals("-")) {
        return new String(root().in().readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw usage("SQL file not found: " + file);
    } catch (IOException e) {
      throw new CliException("Cannot read the SQL from " + (file == null ? "standard input" : file) + ": " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String statement) {
    String oneLine = statement.replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
