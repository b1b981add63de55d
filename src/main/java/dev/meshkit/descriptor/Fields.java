package dev.meshkit.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The fields of one YAML mapping, with typed access that reports wrong shapes as problems
 * instead of throwing, so reading can go on and find the next mistake. A null value
 * ({@code key:} or {@code key: ~}) counts as absent.
 */
final class Fields {

  private final MappingNode node;
  private final Problems problems;
  private final EnvSubstitution env;
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final Map<String, Integer> keyLines = new LinkedHashMap<>();
  private String what;

  private Fields(MappingNode node, String what, Problems problems, EnvSubstitution env) {
    this.node = node;
    this.what = what;
    this.problems = problems;
    this.env = env;
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problems.add(tuple.getKeyNode(), "keys in " + what + " must be plain names, not lists or maps");
        continue;
      }
      Integer firstLine = keyLines.putIfAbsent(key.getValue(), Problems.line(key));
      if (firstLine != null) {
        problems.add(key, "field '" + key.getValue() + "' is given twice (also at line " + firstLine + ")");
      } else {
        values.put(key.getValue(), tuple.getValueNode());
      }
    }
  }

  /** The fields of {@code node}, or null (and a problem) when it is not a mapping. */
  static Fields of(Node node, String what, Problems problems, EnvSubstitution env) {
    if (node instanceof MappingNode mapping) {
      return new Fields(mapping, what, problems, env);
    }
    problems.add(node, what + " must be a mapping of fields (key: value), not " + kind(node));
    return null;
  }

  /** Names what these fields describe, once its name is known, and rejects keys not accepted. */
  Fields check(String what, Set<String> accepted) {
    this.what = what;
    for (Map.Entry<String, Integer> key : keyLines.entrySet()) {
      if (!accepted.contains(key.getKey())) {
        problems.add(key.getValue(), "unknown field '" + key.getKey() + "' in " + what
            + " (accepted: " + String.join(", ", new TreeSet<>(accepted)) + ")");
      }
    }
    return this;
  }

  String what() {
    return what;
  }

  int line() {
    return Problems.line(node);
  }

  /** Line of the value of {@code key}, or of the mapping when the key is absent. */
  int line(String key) {
    Node value = values.get(key);
    return value == null ? line() : Problems.line(value);
  }

  /** Every field, in order; for mappings whose keys are data rather than a schema. */
  Map<String, Node> all() {
    return values;
  }

  boolean has(String key) {
    return node(key) != null;
  }

  Node node(String key) {
    Node value = values.get(key);
    return isNull(value) ? null : value;
  }

  /** The text as written, before substitution: the only form of a value fit for a message. */
  String raw(String key) {
    return node(key) instanceof ScalarNode scalar ? scalar.getValue() : null;
  }

  /** An optional single value, environment variables substituted. */
  String string(String key) {
    Node value = node(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof ScalarNode scalar)) {
      problems.add(value, field(key) + " must be a single value, not " + kind(value));
      return null;
    }
    return env.apply(scalar.getValue(), Problems.line(scalar), problems);
  }

  /** Free text such as a description or SQL, without the line break a YAML block leaves at its end. */
  String text(String key) {
    return strip(string(key));
  }

  static String strip(String value) {
    return value == null ? null : value.strip();
  }

  /** Like {@link #string} but reports a missing or blank value. */
  String required(String key) {
    if (!has(key)) {
      problems.add(line(), what + " needs a '" + key + "'");
      return null;
    }
    String value = string(key);
    if (value != null && value.isBlank()) {
      problems.add(line(key), field(key) + " must not be empty");
      return null;
    }
    return value;
  }

  boolean bool(String key, boolean fallback) {
    String value = string(key);
    if (value == null) {
      return fallback;
    }
    // The words YAML 1.1 reads as booleans, so a substituted ${VAR} behaves like a literal.
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problems.add(line(key), field(key) + " must be true or false");
        yield fallback;
      }
    };
  }

  /** The items of a list field; empty when absent. */
  List<Node> list(String key) {
    Node value = node(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      problems.add(value, field(key) + " must be a list, not " + kind(value));
      return List.of();
    }
    return sequence.getValue();
  }

  /** One value of a list: substituted, and as written for messages. */
  record Text(String value, String written) {}

  /** A list of single values; one value alone is read as a list of one. */
  List<String> strings(String key) {
    return texts(key).stream().map(Text::value).toList();
  }

  List<Text> texts(String key) {
    Node value = node(key);
    List<Node> items = value instanceof ScalarNode ? List.of(value) : list(key);
    List<Text> result = new ArrayList<>();
    for (Node item : items) {
      if (!(item instanceof ScalarNode scalar) || isNull(item)) {
        problems.add(item, field(key) + " must list single values, not " + kind(item));
        continue;
      }
      String text = env.apply(scalar.getValue(), Problems.line(scalar), problems);
      if (text.isBlank()) {
        problems.add(item, field(key) + " must not contain empty values");
      } else {
        result.add(new Text(text, scalar.getValue()));
      }
    }
    return result;
  }

  /** The fields of a nested mapping, or null when absent or not a mapping. */
  Fields fields(String key, String what) {
    Node value = node(key);
    return value == null ? null : of(value, what, problems, env);
  }

  /** Reads each mapping in a list field; until its name is known an item is "kind #n owner". */
  <T> List<T> items(String key, String kind, String owner, Function<Fields, T> reader) {
    List<T> items = new ArrayList<>();
    List<Node> nodes = list(key);
    for (int i = 0; i < nodes.size(); i++) {
      Fields fields = of(nodes.get(i), kind + " #" + (i + 1) + owner, problems, env);
      T item = fields == null ? null : reader.apply(fields);
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  /** Whether {@code name}, the value of this mapping's 'name', is a valid identifier; reports it if not. */
  boolean checkName(String name, String kind) {
    if (name == null) {
      return false;
    }
    String invalid = Names.checkIdentifier(name);
    if (invalid != null) {
      problems.add(line("name"), kind + " name '" + raw("name") + "' is not valid: " + invalid);
      return false;
    }
    return true;
  }

  String field(String key) {
    return "field '" + key + "' of " + what;
  }

  static boolean isNull(Node node) {
    return node == null || node.getTag().equals(Tag.NULL);
  }

  static String kind(Node node) {
    if (isNull(node)) {
      return "nothing";
    }
    return switch (node.getNodeId()) {
      case mapping -> "a mapping";
      case sequence -> "a list";
      default -> "a single value";
    };
  }
}
