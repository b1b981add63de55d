package dev.meshkit.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLLine 1.12 run on a script, as a person would run {@code sqlline -u URL -n USER -p PASSWORD
 * -f script.sql}, and what it printed for each command of the script.
 */
final class SqlLineRun {

  /** SQLLine echoes each command of a script as "3/9          !primarykeys orders". */
  private static final Pattern ECHO = Pattern.compile("^(\\d+)/(\\d+) +(.*)$", Pattern.MULTILINE);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final ChildJvm.Result result;
  /** What SQLLine printed before the first command: connecting, and why it could not. */
  private final String preamble;
  private final Map<String, String> sections = new LinkedHashMap<>();

  private SqlLineRun(ChildJvm.Result result) {
    this.result = result;
    String out = result.stdout();
    Matcher echo = ECHO.matcher(out);
    String command = null;
    int start = 0;
    String before = out;
    while (echo.find()) {
      if (command != null) {
        sections.put(command, out.substring(start, echo.start()));
      } else {
        before = out.substring(0, echo.start());
      }
      command = echo.group(3).strip();
      start = echo.end();
    }
    if (command != null) {
      sections.put(command, out.substring(start));
    }
    this.preamble = before;
  }

  static SqlLineRun run(String name, ClientMesh.Target target, List<String> script) {
    try {
      var file = Files.createDirectories(ChildJvm.LOGS).resolve(name + ".sql");
      Files.write(file, script);
      return new SqlLineRun(ChildJvm.run(name, TIMEOUT, "sqlline.SqlLine", List.of(
          "-u", target.url(), "-n", target.user(), "-p", target.password(),
          // Wide enough that no column is cut (the default follows a terminal, and there is none);
          // --force runs the rest of the script after a failing command, so each test sees its own.
          "--maxWidth=10000", "--force=true", "-f", file.toString()), true));
    } catch (IOException e) {
      return fail("cannot run SQLLine: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while SQLLine ran", e);
    }
  }

  /** What SQLLine printed for one command of the script (trimmed), with everything it printed when it did not run it. */
  String printed(String command) {
    String section = sections.get(command);
    if (section == null) {
      fail("SQLLine printed nothing for `" + command + "`\n" + result.printed());
    }
    return section.strip();
  }

  /** The rows of the table SQLLine drew for a command, as column label to text; empty for "No rows selected". */
  List<Map<String, String>> rows(String command) {
    List<String> header = null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : printed(command).split("\n")) {
      if (!line.startsWith("|")) {
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = cells;
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  /** The column labels of the table SQLLine drew for a command. */
  List<String> header(String command) {
    for (String line : printed(command).split("\n")) {
      if (line.startsWith("|")) {
        return cells(line);
      }
    }
    return fail("SQLLine drew no table for `" + command + "`:\n" + report(command));
  }

  /** The values of some columns, row by row, for comparing with a whole expected table. */
  List<List<String>> columns(String command, String... labels) {
    List<List<String>> values = new ArrayList<>();
    for (Map<String, String> row : rows(command)) {
      List<String> picked = new ArrayList<>();
      for (String label : labels) {
        picked.add(row.get(label));
      }
      values.add(picked);
    }
    return values;
  }

  /** For assertion messages: what SQLLine printed while connecting and for the command, errors included. */
  String report(String command) {
    return result.command() + "\n--- SQLLine connecting\n" + preamble.strip() + "\n--- SQLLine on `" + command + "`\n"
        + sections.getOrDefault(command, "(nothing)\n" + result.printed());
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }
}
