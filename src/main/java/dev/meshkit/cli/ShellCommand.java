package dev.meshkit.cli;

import dev.meshkit.Mesh;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "shell", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Interactive SQL as a principal of the mesh, with line editing and history.",
        "Statements end with ';' and may span lines. \\d lists your products, \\d PRODUCT its columns, "
            + "\\help the commands, \\q quits.",
        "Without a terminal it reads statements from standard input and exits 1 if any failed."},
    footer = {"", "Examples:",
        "  meshkit shell mesh.yaml --user ann",
        "  meshkit shell mesh.yaml --user ann < checks.sql"})
final class ShellCommand extends MeshCommand {

  private static final String HELP = """
      Statements end with ';' and may span several lines.
        \\d             the products you can read
        \\d PRODUCT     the columns of a product (domain.product), masked ones marked
        \\help, \\?      this help
        \\q, quit, exit leave the shell (so does Ctrl-D)""";

  private static final String PRODUCTS = "SELECT domain_name || '.' || product_name AS product, status, description"
      + " FROM catalog.products WHERE can_read ORDER BY domain_name, product_name";

  private static final String COLUMNS = "SELECT column_name, data_type, nullable, masked_for_me, classification,"
      + " description FROM catalog.columns WHERE domain_name = ? AND product_name = ? ORDER BY ordinal_position";

  private static final String KNOWN = "SELECT COUNT(*) FROM catalog.products WHERE domain_name = ? AND product_name = ?";

  @Option(names = {"-u", "--user"}, required = true, paramLabel = "<name>",
      description = "The principal to query as, declared under 'principals:' in the descriptor.")
  String user;

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--history", paramLabel = "<file>", defaultValue = "${sys:user.home}/.meshkit_history",
      description = "Where the shell keeps its history (default: ${DEFAULT-VALUE}).")
  Path history;

  private Connection connection;
  private ResultPrinter printer;
  private int failures;
  /** The statement running now, for Ctrl-C to cancel; null between statements. */
  private volatile Statement running;

  @Override
  public Integer call() throws Exception {
    try (Mesh mesh = loadMesh(); Connection c = mesh.connect(principal(mesh, user))) {
      connection = c;
      printer = new ResultPrinter(out(), format);
      if (root().terminal()) {
        interactive(mesh.name());
        return 0;
      }
      piped();
      return failures == 0 ? 0 : MeshkitCommand.FAILURE;
    }
  }

  private void interactive(String meshName) throws Exception {
    String prompt = user + "@" + meshName + "> ";
    // Ctrl-C cancels the running statement instead of ending the JVM.
    try (Terminal terminal = root().openTerminal()) {
      terminal.handle(Terminal.Signal.INT, signal -> cancelRunning());
      LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("meshkit")
          .parser(new StatementParser())
          .variable(LineReader.HISTORY_FILE, history)
          .variable(LineReader.SECONDARY_PROMPT_PATTERN, " ".repeat(prompt.length() - 3) + "-> ")
          // SQL has '!' and '\' of its own; history expansion would rewrite them.
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      out().println("meshkit shell: mesh " + meshName + " as " + user
          + ". End statements with ';'. \\help for help, \\q to quit.");
      out().flush();
      while (true) {
        String input;
        try {
          input = reader.readLine(prompt);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the statement being typed, as in psql
        } catch (EndOfFileException e) {
          break;
        }
        if (!handle(input)) {
          break;
        }
      }
      reader.getHistory().save();
    }
  }

  /** Statements from a pipe or file: no prompts, a statement runs once its ';' has been read. */
  private void piped() throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(root().in(), StandardCharsets.UTF_8));
    StringBuilder pending = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      pending.append(line).append('\n');
      String text = pending.toString();
      if (isCommand(text) || SqlScript.complete(text)) {
        pending.setLength(0);
        if (!handle(text)) {
          return;
        }
      }
    }
    if (!SqlScript.isBlank(pending.toString())) {
      handle(pending.toString()); // the last statement may do without its ';'
    }
  }

  /** Runs a command or the statements in the text; false when the shell should end. */
  private boolean handle(String text) {
    String trimmed = text.strip();
    if (isCommand(trimmed)) {
      return command(trimmed);
    }
    for (String statement : SqlScript.split(text)) {
      try {
        Statements.run(connection, statement, printer, err(), started -> running = started);
      } catch (SQLException e) {
        failures++;
        // The rows printed before the failure (Ctrl-C, say) come out now, ahead of the error and the
        // next prompt, not after the next statement.
        out().flush();
        err().println("Error: " + e.getMessage());
        err().flush();
      } finally {
        running = null;
      }
    }
    return true;
  }

  /** Ctrl-C: cancels the running statement, which stops its rows at once and its sources' work. */
  private void cancelRunning() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        err().println("Could not cancel the statement: " + e.getMessage());
        err().flush();
      }
    }
  }

  private static boolean isCommand(String text) {
    String word = text.strip().toLowerCase(Locale.ROOT);
    if (word.endsWith(";")) {
      word = word.substring(0, word.length() - 1).strip();
    }
    return word.startsWith("\\") || word.equals("quit") || word.equals("exit") || word.equals("help");
  }

  private boolean command(String text) {
    String line = text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    List<String> words = List.of(line.split("\\s+"));
    PrintWriter out = out();
    try {
      switch (words.get(0).toLowerCase(Locale.ROOT)) {
        case "\\q", "quit", "exit" -> {
          return false;
        }
        case "\\help", "\\?", "help" -> out.println(HELP);
        case "\\d" -> describe(words.size() > 1 ? words.get(1) : null);
        default -> {
          failures++;
          err().println("Unknown command " + words.get(0) + ": \\help lists the commands.");
        }
      }
    } catch (SQLException e) {
      failures++;
      out.flush();
      err().println("Error: " + e.getMessage());
    }
    out.flush();
    err().flush();
    return true;
  }

  private void describe(String product) throws SQLException {
    if (product == null) {
      try (PreparedStatement s = connection.prepareStatement(PRODUCTS); ResultSet rs = s.executeQuery()) {
        printer.print(rs);
      }
      return;
    }
    int dot = product.indexOf('.');
    String domain = dot < 0 ? "" : product.substring(0, dot);
    String name = product.substring(dot + 1);
    try (PreparedStatement s = connection.prepareStatement(KNOWN)) {
      s.setString(1, domain);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next() || rs.getLong(1) == 0) {
          failures++;
          err().println("No product " + product + " in " + user + "'s catalog (\\d lists them; name one as domain.product).");
          return;
        }
      }
    }
    try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
      s.setString(1, domain);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        printer.print(rs);
      }
    }
  }

  /** Keeps reading lines until the statement's ';'; commands and blank lines are complete at once. */
  private static final class StatementParser extends DefaultParser {
    StatementParser() {
      setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !isCommand(line) && !SqlScript.isBlank(line)
          && !SqlScript.complete(line)) {
        throw new EOFError(-1, -1, "the statement continues until ';'");
      }
      return super.parse(line, cursor, context);
    }
  }
}
