package dev.meshkit.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Code as the docs show it: compared line by line, ignoring trailing whitespace, blank lines at
 * either end and the indentation all lines share, so a snippet indented inside a test method
 * equals the same code shown flush left.
 */
final class SnippetText {

  private static final Pattern START = Pattern.compile("^\\s*// snippet:(\\S+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end:(\\S+)\\s*$");

  /** A marked region of a source file. */
  record Region(String name, Path file, int line, List<String> lines) {
    String where() {
      return file + ":" + line;
    }
  }

  private SnippetText() {
  }

  static List<String> normalize(String text) {
    return normalize(List.of(text.split("\n", -1)));
  }

  static List<String> normalize(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.stripTrailing());
    }
    while (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    int indent = out.stream().filter(l -> !l.isEmpty()).mapToInt(SnippetText::indentation).min().orElse(0);
    out.replaceAll(l -> l.isEmpty() ? l : l.substring(indent));
    return out;
  }

  private static int indentation(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /**
   * Whether {@code excerpt} (normalized) occurs in {@code file} as consecutive lines, each
   * indented by the same amount.
   */
  static boolean contains(List<String> file, List<String> excerpt) {
    if (excerpt.isEmpty()) {
      return true;
    }
    List<String> lines = file.stream().map(String::stripTrailing).toList();
    for (int start = 0; start + excerpt.size() <= lines.size(); start++) {
      String first = lines.get(start);
      if (!first.endsWith(excerpt.get(0)) || !first.substring(0, first.length() - excerpt.get(0).length()).isBlank()) {
        continue;
      }
      String indent = first.substring(0, first.length() - excerpt.get(0).length());
      boolean all = true;
      for (int k = 1; k < excerpt.size() && all; k++) {
        String expected = excerpt.get(k).isEmpty() ? "" : indent + excerpt.get(k);
        all = lines.get(start + k).equals(expected);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /**
   * The regions between {@code // snippet:NAME} and {@code // end:NAME} in the Java files under
   * the folders, normalized.
   *
   * @throws IllegalStateException for regions that nest or do not close, or a name used twice
   */
  static Map<String, Region> regions(Path... folders) throws IOException {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path folder : folders) {
      for (Path file : javaFiles(folder)) {
        List<String> lines = Files.readAllLines(file);
        String open = null;
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
          Matcher start = START.matcher(lines.get(i));
          Matcher end = END.matcher(lines.get(i));
          if (start.matches()) {
            if (open != null) {
              throw new IllegalStateException(file + ":" + (i + 1) + ": snippet:" + start.group(1) + " starts inside " + open);
            }
            open = start.group(1);
            from = i;
          } else if (end.matches()) {
            if (!end.group(1).equals(open)) {
              throw new IllegalStateException(file + ":" + (i + 1) + ": end:" + end.group(1) + " does not close " + open);
            }
            Region region = new Region(open, file, from + 2, normalize(lines.subList(from + 1, i)));
            if (regions.put(open, region) != null) {
              throw new IllegalStateException(file + ":" + (from + 1) + ": snippet name " + open + " is used twice");
            }
            open = null;
          }
        }
        if (open != null) {
          throw new IllegalStateException(file + ": snippet:" + open + " never ends");
        }
      }
    }
    return regions;
  }

  static List<Path> javaFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
