package dev.meshkit.catalog;

import dev.meshkit.engine.Product;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders product-level lineage as a Mermaid flowchart or a Graphviz digraph. */
final class LineageGraph {

  private record Edge(Lineage.Input from, Lineage.Input to) {}

  private LineageGraph() {
  }

  /**
   * The graph of the given products' lineage, or, when {@code focus} is one of them, of its
   * upstream (everything it reads, transitively) and downstream (every product that reads it,
   * transitively).
   *
   * @throws IllegalArgumentException for an unknown format
   */
  static String render(Collection<Lineage.Of> all, Lineage.Input focus, String format) {
    Map<Lineage.Input, List<Lineage.Input>> inputs = new LinkedHashMap<>();
    for (Lineage.Of of : all) {
      inputs.put(self(of.product()), of.inputs());
    }
    Set<Edge> edges = new LinkedHashSet<>();
    if (focus == null) {
      inputs.forEach((to, from) -> from.forEach(f -> edges.add(new Edge(f, to))));
    } else {
      Deque<Lineage.Input> up = new ArrayDeque<>(List.of(focus));
      Set<Lineage.Input> seen = new LinkedHashSet<>();
      while (!up.isEmpty()) {
        Lineage.Input to = up.pop();
        if (seen.add(to)) {
          for (Lineage.Input from : inputs.getOrDefault(to, List.of())) {
            edges.add(new Edge(from, to));
            up.push(from);
          }
        }
      }
      Deque<Lineage.Input> down = new ArrayDeque<>(List.of(focus));
      seen.clear();
      while (!down.isEmpty()) {
        Lineage.Input from = down.pop();
        if (seen.add(from)) {
          inputs.forEach((to, ins) -> {
            if (ins.contains(from)) {
              edges.add(new Edge(from, to));
              down.push(to);
            }
          });
        }
      }
    }
    Set<Lineage.Input> nodes = new LinkedHashSet<>();
    if (focus != null) {
      nodes.add(focus);
    }
    edges.forEach(e -> {
      nodes.add(e.from());
      nodes.add(e.to());
    });
    if (focus == null) {
      nodes.addAll(inputs.keySet());
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "mermaid" -> mermaid(nodes, edges);
      case "dot" -> dot(nodes, edges);
      default -> throw new IllegalArgumentException("unknown lineage format '" + format + "' (known: mermaid, dot)");
    };
  }

  static Lineage.Input self(Product product) {
    return new Lineage.Input("product", product.domain().name(), product.name());
  }

  private static String mermaid(Set<Lineage.Input> nodes, Set<Edge> edges) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (Lineage.Input n : nodes) {
      // Sources are drawn as databases, products as boxes, hidden inputs as rounded boxes.
      String shape = switch (n.kind()) {
        case "source" -> "[(\"%s\")]";
        case Lineage.Input.HIDDEN -> "(\"%s\")";
        default -> "[\"%s\"]";
      };
      out.append("  ").append(id(n)).append(shape.formatted(n.qualifiedName())).append('\n');
    }
    for (Edge e : edges) {
      out.append("  ").append(id(e.from())).append(" --> ").append(id(e.to())).append('\n');
    }
    return out.toString();
  }

  private static String dot(Set<Lineage.Input> nodes, Set<Edge> edges) {
    StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
    for (Lineage.Input n : nodes) {
      String shape = switch (n.kind()) {
        case "source" -> "cylinder";
        case Lineage.Input.HIDDEN -> "box, style=dashed";
        default -> "box";
      };
      out.append("  ").append(id(n)).append(" [label=\"").append(n.qualifiedName()).append("\", shape=")
          .append(shape).append("];\n");
    }
    for (Edge e : edges) {
      out.append("  ").append(id(e.from())).append(" -> ").append(id(e.to())).append(";\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * An identifier both tools accept. A source's includes its domain, since two domains may each
   * have a source of the same name; a hidden input's is its reader's.
   */
  private static String id(Lineage.Input n) {
    String prefix = switch (n.kind()) {
      case "source" -> "s_";
      case Lineage.Input.HIDDEN -> "h_";
      default -> "p_";
    };
    String raw = prefix + n.domain() + "_" + n.name();
    return raw.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
