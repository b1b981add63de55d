package dev.meshkit.descriptor;

import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.model.Location;
import dev.meshkit.model.StandardModel;
import dev.meshkit.model.StandardModel.Check;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the top-level {@code standards:}. Each names the check it requires, so a typo there is a
 * load error: a misspelt standard would otherwise pass silently forever.
 */
final class StandardReader {

  private static final Set<String> COMMON_FIELDS = Set.of("name", "require", "severity", "domains");
  private static final String CHECKS = Arrays.stream(Check.values()).map(Check::key)
      .collect(Collectors.joining(", "));

  private final Problems problems;
  private final EnvSubstitution env;
  private final UniqueNames domainNames;
  private final UniqueNames names;

  /** @param domainNames every declared domain, for checking {@code domains:} scopes */
  StandardReader(Problems problems, EnvSubstitution env, UniqueNames domainNames) {
    this.problems = problems;
    this.env = env;
    this.domainNames = domainNames;
    this.names = new UniqueNames("standard", "", problems);
  }

  List<StandardModel> readAll(Fields mesh) {
    List<StandardModel> standards = new ArrayList<>();
    List<Node> items = mesh.list("standards");
    for (int i = 0; i < items.size(); i++) {
      Fields fields = Fields.of(items.get(i), "standard #" + (i + 1), problems, env);
      StandardModel standard = fields == null ? null : read(fields);
      if (standard != null) {
        standards.add(standard);
      }
    }
    return standards;
  }

  private StandardModel read(Fields standard) {
    String written = standard.raw("name");
    String what = written == null ? standard.what() : "standard '" + written + "'";
    Check check = check(standard, what);
    standard.check(what, accepted(check));
    String name = standard.required("name");
    if (name != null) {
      String invalid = Names.checkPolicy(name);
      if (invalid != null) {
        problems.add(standard.line("name"), "standard name '" + written + "' is not valid: " + invalid);
      } else if (isBuiltIn(name)) {
        // Reserved so that a finding's rule name always means one thing.
        problems.add(standard.line("name"), "standard name '" + written + "' is taken by a built-in standard"
            + " (choose another name)");
      }
      names.add(name, written, standard.line());
    }
    String parameter = check == null || check.parameter() == null ? null : parameter(standard, check);
    Severity severity = severity(standard);
    List<String> domains = domains(standard);
    if (name == null || check == null || check.parameter() != null && parameter == null) {
      return null;
    }
    String pattern = "pattern".equals(check.parameter()) ? parameter : null;
    String tag = "tag".equals(check.parameter()) ? parameter : null;
    return new StandardModel(name, check, pattern, tag, severity, domains,
        new Location(problems.file(), standard.line()));
  }

  private static boolean isBuiltIn(String name) {
    return StandardModel.BUILT_INS.stream().anyMatch(standard -> standard.name().equalsIgnoreCase(name));
  }

  private Check check(Fields standard, String what) {
    if (!standard.has("require")) {
      problems.add(standard.line(), what + " needs a 'require' (accepted: " + CHECKS + ")");
      return null;
    }
    String key = standard.string("require");
    Check check = Check.of(key);
    if (check == null && key != null) {
      problems.add(standard.line("require"), what + " requires unknown check '" + standard.raw("require")
          + "' (accepted: " + CHECKS + ")");
    }
    return check;
  }

  /** An unknown check accepts every parameter, so its one mistake is not reported twice. */
  private static Set<String> accepted(Check check) {
    Set<String> fields = new HashSet<>(COMMON_FIELDS);
    if (check == null) {
      fields.addAll(Set.of("pattern", "tag"));
    } else if (check.parameter() != null) {
      fields.add(check.parameter());
    }
    return fields;
  }

  /** The {@code pattern} or {@code tag} the check needs; null (and a problem) if missing or unusable. */
  private String parameter(Fields standard, Check check) {
    String value = standard.required(check.parameter());
    if (value == null || !"pattern".equals(check.parameter())) {
      return value;
    }
    return pattern(standard, value);
  }

  private String pattern(Fields standard, String pattern) {
    try {
      Pattern.compile(pattern);
      return pattern;
    } catch (PatternSyntaxException e) {
      problems.add(standard.line("pattern"), "'pattern' of " + standard.what()
          + " is not a valid regular expression: " + e.getDescription());
      return null;
    }
  }

  private Severity severity(Fields standard) {
    String severity = standard.string("severity");
    if (severity == null) {
      return Severity.ERROR;
    }
    return switch (severity) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      default -> {
        problems.add(standard.line("severity"), "'severity' of " + standard.what()
            + " must be error or warning, not '" + standard.raw("severity") + "'");
        yield Severity.ERROR;
      }
    };
  }

  /** A scope naming no declared domain would check nothing and hide the mistake. */
  private List<String> domains(Fields standard) {
    List<String> domains = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    for (Fields.Text domain : standard.texts("domains")) {
      if (domainNames.find(domain.value()) == null) {
        unknown.add(domain.written());
      }
      domains.add(domain.value());
    }
    if (!unknown.isEmpty()) {
      problems.add(standard.line("domains"), "'domains' of " + standard.what() + " names "
          + unknown.stream().map(d -> "'" + d + "'").collect(Collectors.joining(", "))
          + ", which the mesh does not declare");
    }
    return domains;
  }
}
