package dev.meshkit.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.function.Consumer;

/** Runs one statement for the query command and the shell: rows to out, warnings to err. */
final class Statements {

  private Statements() {
  }

  static void run(Connection connection, String sql, ResultPrinter printer, PrintWriter err) throws SQLException {
    run(connection, sql, printer, err, statement -> { });
  }

  /** {@code started} receives the statement before it executes, so that another thread may cancel it. */
  static void run(Connection connection, String sql, ResultPrinter printer, PrintWriter err,
      Consumer<Statement> started) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      started.accept(statement);
      try (ResultSet rs = statement.executeQuery(sql)) {
        // Before the rows, so a deprecation notice is seen even when the output is long.
        warn(statement.getWarnings(), err);
        printer.print(rs);
        warn(rs.getWarnings(), err);
      }
    }
  }

  private static void warn(SQLWarning warning, PrintWriter err) {
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      err.println("Warning: " + w.getMessage());
    }
    err.flush();
  }
}
