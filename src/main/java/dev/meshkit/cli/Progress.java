package dev.meshkit.cli;

import dev.meshkit.LoadListener;
import java.io.PrintStream;

/**
 * One self-rewriting status line on the terminal's stderr while something long runs; nothing at
 * all when output goes to a file, a pipe or a test, so that scripts see clean streams.
 */
final class Progress implements LoadListener, AutoCloseable {

  private static final Progress NONE = new Progress(null, "");

  private final PrintStream terminal;
  private final String title;
  private boolean shown;

  private Progress(PrintStream terminal, String title) {
    this.terminal = terminal;
    this.title = title;
  }

  static Progress on(boolean terminal, String title) {
    return terminal ? new Progress(System.err, title) : NONE;
  }

  @Override
  public void starting(String step, int done, int total) {
    show(title + ": " + (done + 1) + "/" + total + " " + step + "...");
  }

  void show(String line) {
    if (terminal != null) {
      // \r and "erase line" rewrite the status in place instead of scrolling.
      terminal.print("\r\033[K" + line);
      terminal.flush();
      shown = true;
    }
  }

  @Override
  public void close() {
    if (shown) {
      terminal.print("\r\033[K");
      terminal.flush();
    }
  }
}
