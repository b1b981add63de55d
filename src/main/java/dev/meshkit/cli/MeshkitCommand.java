package dev.meshkit.cli;

import dev.meshkit.MeshException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code meshkit}: validate, query and explore a mesh from its descriptor. Each subcommand is a
 * class of its own registered here, so new ones slot in beside the others.
 *
 * <p>Exit codes: 0 success, 1 a failure or (for {@code validate}) findings, 2 a usage error.
 */
@Command(name = "meshkit", mixinStandardHelpOptions = true, versionProvider = MeshkitCommand.Version.class,
    description = "Validate, query and explore a data mesh from its descriptor.",
    subcommands = {ValidateCommand.class, QueryCommand.class, ShellCommand.class, CatalogCommand.class,
        LineageCommand.class, QualityCommand.class, ServeCommand.class, HashPasswordCommand.class, SchemaCommand.class,
        DiffCommand.class, FeedbackCommand.class, ReportCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 failure or validation findings, 2 usage error.",
        "Run 'meshkit COMMAND --help' for a command's options."})
public final class MeshkitCommand implements Runnable {

  /** Failures that are not usage errors: a bad descriptor, a failing query, validation findings. */
  static final int FAILURE = 1;
  /** picocli's own code for usage errors. */
  static final int USAGE = CommandLine.ExitCode.USAGE;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show library log messages and the stack trace of a failure.")
  boolean verbose;

  private final InputStream in;
  private final boolean terminal;
  private final Callable<Terminal> terminals;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  MeshkitCommand(InputStream in, boolean terminal, Callable<Terminal> terminals) {
    this.in = in;
    this.terminal = terminal;
    this.terminals = terminals;
  }

  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    // Not flushed per line: exports of many rows would pay a write for each. Commands flush when done.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    int code = commandLine(System.in, System.console() != null, out, err).execute(args);
    out.flush();
    System.exit(code);
  }

  /**
   * The command line wired to the given streams. {@code terminal} says whether a person types at
   * a terminal: then the shell edits lines and long operations show progress on stderr.
   */
  static CommandLine commandLine(InputStream in, boolean terminal, PrintWriter out, PrintWriter err) {
    return commandLine(in, terminal, out, err, MeshkitCommand::systemTerminal);
  }

  /** As above, with the terminal the shell edits lines on coming from {@code terminals}. */
  static CommandLine commandLine(InputStream in, boolean terminal, PrintWriter out, PrintWriter err,
      Callable<Terminal> terminals) {
    CommandLine cli = new CommandLine(new MeshkitCommand(in, terminal, terminals));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(MeshkitCommand::usageError);
    cli.setExecutionExceptionHandler(MeshkitCommand::failure);
    return cli;
  }

  @Override
  public void run() {
    // `meshkit` alone is a usage error: say what to do instead of doing nothing.
    throw new ParameterException(spec.commandLine(), "Missing command: give one of "
        + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()) + ".");
  }

  InputStream in() {
    return in;
  }

  boolean terminal() {
    return terminal;
  }

  Terminal openTerminal() throws Exception {
    return terminals.call();
  }

  /** The process's own terminal; Ctrl-C reaches the shell as a signal instead of ending the JVM. */
  private static Terminal systemTerminal() throws IOException {
    return TerminalBuilder.builder().system(true).signalHandler(Terminal.SignalHandler.SIG_IGN).build();
  }

  /** A sentence, the command's synopsis and where to read more; no full help page to scroll past. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println(sentence(e.getMessage()));
    err.print(cli.getHelp().synopsis(0));
    err.printf("Try '%s --help' for more information.%n", cli.getCommandSpec().qualifiedName());
    err.flush();
    return USAGE;
  }

  private static int failure(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean verbose = verbose(parsed);
    err.println(message(e, verbose));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILURE;
  }

  private static String message(Exception e, boolean verbose) {
    if (e instanceof CliException || e instanceof MeshException) {
      return e.getMessage();
    }
    if (e instanceof SQLException) {
      return "Query failed: " + e.getMessage();
    }
    // A bug rather than a user's mistake: still one line unless asked for more.
    return "Unexpected error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)");
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String sentence(String message) {
    String s = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return s.endsWith(".") || s.endsWith(")") ? s : s + ".";
  }

  /** The jar manifest's version, or "development build" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = MeshkitCommand.class.getPackage().getImplementationVersion();
      return new String[] {
          "meshkit " + (version != null ? version : "(development build)"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
