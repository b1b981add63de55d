package dev.meshkit.fuzz;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the mesh logs of a failure it cannot name. Its SQLException says only "meshkit failed while
 * running this statement", by design; the warning it logs lists the classes of the exception chain
 * (CannotPlanException, AssertionError, ...), which is what tells such failures apart in the report.
 * The test logger (slf4j-simple) writes to whatever {@code System.err} is at the time, so the run puts
 * this stream there, takes those warnings for the query that caused them, and the MariaDB driver's
 * copy of each error its server returns, and passes the rest on.
 */
final class DriverLog extends PrintStream {

  private static final String MARK = "meshkit failed while running a statement: ";
  /** The MariaDB driver logs every error its server returns, the statement's text included, at WARN. */
  private static final String MARIADB_ERRORS = "org.mariadb.jdbc.message.server.ErrorPacket";

  private final PrintStream original;
  private final Map<Thread, String> logged = new ConcurrentHashMap<>();

  private DriverLog(PrintStream original) {
    super(original, true);
    this.original = original;
  }

  /** Installs the capture; {@link #close()} puts the original stream back. */
  static DriverLog install() {
    DriverLog log = new DriverLog(System.err);
    System.setErr(log);
    return log;
  }

  /**
   * What was logged for this thread's last failure, or null: the classes the mesh logged (simple
   * names), or MariaDB's error; forgets it.
   */
  String take() {
    return logged.remove(Thread.currentThread());
  }

  @Override
  public void println(String line) {
    if (line != null && line.contains(MARIADB_ERRORS)) {
      // The report shows MariaDB's own error beside the mesh's, which hides it by design.
      int at = line.indexOf("Error: ");
      String error = at < 0 ? line : line.substring(at + "Error: ".length());
      int end = error.indexOf(" near ");
      end = end < 0 ? error.indexOf('\n') : end;
      logged.merge(Thread.currentThread(), "MariaDB " + (end < 0 ? error : error.substring(0, end)),
          (a, b) -> a);
      return;
    }
    int at = line == null ? -1 : line.indexOf(MARK);
    if (at < 0) {
      super.println(line);
      return;
    }
    String chain = line.substring(at + MARK.length());
    int end = chain.indexOf(" (");
    chain = end < 0 ? chain : chain.substring(0, end);
    StringBuilder simple = new StringBuilder();
    for (String name : chain.split(" <- ")) {
      simple.append(simple.length() == 0 ? "" : " <- ").append(name.substring(name.lastIndexOf('.') + 1));
    }
    logged.put(Thread.currentThread(), simple.toString());
  }

  @Override
  public void close() {
    if (System.err == this) {
      System.setErr(original);
    }
    flush();
  }
}
