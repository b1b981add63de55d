package dev.meshkit;

import java.util.List;

/**
 * A mesh could not be loaded or used as declared. The message is meant for people: it names the
 * descriptor file and line, or the domain, product or source at fault. When several things are
 * wrong at once, {@link #problems()} lists each of them.
 */
public class MeshException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public MeshException(String message) {
    this(message, (Throwable) null);
  }

  public MeshException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /** One exception for many findings, so a user can fix them all in one pass. */
  public MeshException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0) : summary(problems));
    this.problems = List.copyOf(problems);
  }

  private static String summary(List<String> problems) {
    StringBuilder text = new StringBuilder(problems.size() + " problems:");
    for (String p : problems) {
      text.append(System.lineSeparator()).append("  - ").append(p);
    }
    return text.toString();
  }

  /** Every finding, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
