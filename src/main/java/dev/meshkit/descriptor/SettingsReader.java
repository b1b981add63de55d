package dev.meshkit.descriptor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the free-form part of a source into plain Java values: String, Long, Double, Boolean,
 * List and LinkedHashMap, with environment variables substituted in strings. The source type
 * checks them later; here only the YAML shape matters.
 */
final class SettingsReader {

  /** Borrows SnakeYAML's own reading of numbers and booleans (hex, 1_000, .inf and so on). */
  private static final class Scalars extends SafeConstructor {
    Scalars() {
      super(new LoaderOptions());
    }

    Object construct(ScalarNode node) {
      return constructObject(node);
    }
  }

  private final Scalars scalars = new Scalars();
  private final Problems problems;
  private final EnvSubstitution env;
  // Nodes being converted; an alias back to one of them would recurse forever.
  private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

  SettingsReader(Problems problems, EnvSubstitution env) {
    this.problems = problems;
    this.env = env;
  }

  /** The settings of a source: every field of {@code fields} except {@code name} and {@code type}. */
  Map<String, Object> read(Fields fields) {
    Map<String, Object> settings = new LinkedHashMap<>();
    fields.all().forEach((key, node) -> {
      if (!key.equals("name") && !key.equals("type")) {
        settings.put(key, value(node, "setting '" + key + "' of " + fields.what()));
      }
    });
    return settings;
  }

  private Object value(Node node, String what) {
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (!open.add(node)) {
      problems.add(node, what + " refers to itself through a YAML alias");
      return null;
    }
    try {
      if (node instanceof SequenceNode sequence) {
        List<Object> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          items.add(value(item, what));
        }
        return Collections.unmodifiableList(items);
      }
      Fields fields = Fields.of(node, what, problems, env);
      Map<String, Object> map = new LinkedHashMap<>();
      fields.all().forEach((key, value) -> map.put(key, value(value, what)));
      return Collections.unmodifiableMap(map);
    } finally {
      open.remove(node);
    }
  }

  private Object scalar(ScalarNode node) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return scalars.construct(node);
    }
    if (tag.equals(Tag.INT)) {
      Object number = scalars.construct(node);
      // Too big for a long: keep the digits rather than hand out a BigInteger.
      return number instanceof BigInteger ? node.getValue() : ((Number) number).longValue();
    }
    if (tag.equals(Tag.FLOAT)) {
      return ((Number) scalars.construct(node)).doubleValue();
    }
    return env.apply(node.getValue(), Problems.line(node), problems);
  }
}
