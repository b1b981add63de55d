package dev.meshkit.descriptor;

import dev.meshkit.MeshException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Everything wrong with one descriptor, gathered so the user sees it all in one pass.
 * Each message is prefixed with {@code file:line: }.
 */
final class Problems {

  private record Problem(int line, String message) {}

  private final String file;
  // A set because an aliased node is read once per alias and would repeat its findings.
  private final Set<Problem> found = new LinkedHashSet<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void add(int line, String message) {
    found.add(new Problem(line, message));
  }

  void add(Node node, String message) {
    add(line(node), message);
  }

  /** Throws the findings, if there are any. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw exception();
    }
  }

  /** The findings so far, ordered by line, as one exception. */
  MeshException exception() {
    List<Problem> ordered = new ArrayList<>(found);
    ordered.sort(Comparator.comparingInt(Problem::line));
    List<String> messages = new ArrayList<>();
    for (Problem p : ordered) {
      messages.add(p.line() > 0 ? file + ":" + p.line() + ": " + p.message() : file + ": " + p.message());
    }
    return new MeshException(messages);
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
