package dev.meshkit.descriptor;

import dev.meshkit.MeshException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Everything wrong with a descriptor and the domain files it includes, gathered so the user sees
 * it all in one pass. Each message is prefixed with {@code file:line: }; problems are added to the
 * file being read, which changes as the reader moves into an included file.
 */
final class Problems {

  private record Problem(String file, int line, String message) {}

  private String file;
  /** Files in the order they were read, so findings come out file by file. */
  private final List<String> files = new ArrayList<>();
  // A set because an aliased node is read once per alias and would repeat its findings.
  private final Set<Problem> found = new LinkedHashSet<>();

  Problems(String file) {
    reading(file);
  }

  /** The file being read. */
  String file() {
    return file;
  }

  /** From now on, problems belong to {@code file}. */
  void reading(String file) {
    this.file = file;
    if (!files.contains(file)) {
      files.add(file);
    }
  }

  void add(int line, String message) {
    add(file, line, message);
  }

  /** A problem found later than its file was read, such as a check across files. */
  void add(String file, int line, String message) {
    if (!files.contains(file)) {
      files.add(file);
    }
    found.add(new Problem(file, line, message));
  }

  void add(Node node, String message) {
    add(line(node), message);
  }

  /** Whether anything was found in {@code file}. */
  boolean hasAny(String file) {
    return found.stream().anyMatch(p -> p.file().equals(file));
  }

  /** Throws the findings, if there are any. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw exception();
    }
  }

  /** The findings so far, ordered by file and line, as one exception. */
  MeshException exception() {
    List<Problem> ordered = new ArrayList<>(found);
    ordered.sort(Comparator.comparingInt((Problem p) -> files.indexOf(p.file())).thenComparingInt(Problem::line));
    List<String> messages = new ArrayList<>();
    for (Problem p : ordered) {
      messages.add(p.line() > 0 ? p.file() + ":" + p.line() + ": " + p.message() : p.file() + ": " + p.message());
    }
    return new MeshException(messages);
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
