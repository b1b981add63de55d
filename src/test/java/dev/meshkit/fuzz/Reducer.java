package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinks a failing case greedily: it tries each smaller tree (a node's own shrinks: a clause or an
 * item dropped, a join side or set operand alone; an expression replaced by a child or a literal),
 * keeps the first that still fails with the same class, and starts again until nothing smaller
 * fails. A candidate that no engine accepts fails differently (both engines fail) and is dropped,
 * so the tree stays valid without a type checker here.
 */
final class Reducer {

  private final Function<Node, Verdict> oracle;
  private final Predicate<Node> comparable;
  private final int budget;
  private final long deadline;
  private int checks;

  /**
   * {@code comparable}: which candidates the oracle can judge (see {@link Comparability}); {@code budget}:
   * how many candidates to try at most, each one run of the oracle; {@code deadline}: the
   * {@link System#nanoTime()} after which it tries no more, since one slow case may take each check to its timeout.
   */
  Reducer(Function<Node, Verdict> oracle, Predicate<Node> comparable, int budget, long deadline) {
    this.oracle = oracle;
    this.comparable = comparable;
    this.budget = budget;
    this.deadline = deadline;
  }

  /** The smallest case found that fails as {@code failing} does with {@code verdict}. */
  Node reduce(Node failing, Verdict verdict) {
    String target = verdict.classKey();
    Set<String> tried = new HashSet<>();
    Node current = failing;
    boolean smaller = true;
    while (smaller && checks < budget) {
      smaller = false;
      int size = current.sql().length();
      for (Node candidate : candidates(current)) {
        String sql = candidate.sql();
        if (sql.length() >= size || !tried.add(sql) || !comparable.test(candidate)) {
          continue;
        }
        if (++checks > budget || System.nanoTime() - deadline > 0) {
          break;
        }
        if (oracle.apply(candidate).classKey().equals(target)) {
          current = candidate;
          smaller = true;
          break;
        }
      }
    }
    return current;
  }

  int checks() {
    return checks;
  }

  /** Every tree one step smaller than {@code node}: shallow changes first, since they remove the most. */
  static List<Node> candidates(Node node) {
    List<Node> out = new ArrayList<>(node.shrinks());
    if (node instanceof Expr e && !(node instanceof Lit)) {
      out.add(Lit.nullOf(e.type()));
      out.add(Lit.simple(e.type()));
    }
    List<? extends Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      for (Node smaller : candidates(children.get(i))) {
        out.add(node.with(i, smaller));
      }
    }
    return out;
  }
}
