package dev.meshkit.descriptor;

import dev.meshkit.model.MeshModel;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a mesh descriptor (YAML), with the domain files it includes, into a {@link MeshModel}.
 * Every problem found is reported at once, in a {@link dev.meshkit.MeshException} whose messages
 * start with {@code file:line: }.
 *
 * <p>Only SnakeYAML's node tree is used, never its object construction, so a descriptor cannot
 * instantiate classes; aliases and size are capped so a small file cannot expand without bound.
 */
public final class DescriptorReader {

  // Descriptors are hand-written and small; anything near these limits is a mistake or an attack.
  private static final int MAX_CODE_POINTS = 2 * 1024 * 1024;
  private static final long MAX_BYTES = 4L * MAX_CODE_POINTS;
  private static final int MAX_ALIASES = 20;

  private DescriptorReader() {}

  /** Reads {@code file}, substituting variables from the process environment. */
  public static MeshModel read(Path file) {
    return read(file, System.getenv());
  }

  /** Reads {@code file}; relative paths in source settings resolve against its folder. */
  public static MeshModel read(Path file, Map<String, String> env) {
    Problems problems = new Problems(file.toString());
    String yaml = text(file, problems);
    if (yaml == null) {
      throw problems.exception();
    }
    Path absolute = file.toAbsolutePath().normalize();
    return parse(yaml, problems, absolute.getParent(), env, absolute);
  }

  /**
   * The domain files {@code file}'s {@code include:} names at this moment, so that a watcher sees a
   * file a glob has just come to match; empty when the descriptor cannot be read now (a save in
   * progress), whose problems the next reload reports.
   */
  public static List<Path> includedFiles(Path file, Map<String, String> env) {
    Problems problems = new Problems(file.toString());
    String yaml = text(file, problems);
    Node root = yaml == null ? null : compose(yaml, problems);
    Fields mesh = root == null ? null : Fields.of(root, "the descriptor", problems, new EnvSubstitution(env));
    if (mesh == null) {
      return List.of();
    }
    Path absolute = file.toAbsolutePath().normalize();
    return new Includes(problems, absolute.getParent(), absolute).files(mesh).stream()
        .map(Includes.File::path).toList();
  }

  /**
   * Reads a descriptor given as text.
   *
   * @param fileName how messages and {@link dev.meshkit.model.Location}s name the descriptor
   * @param baseDir folder that relative paths in source settings and includes resolve against
   */
  public static MeshModel parse(String yaml, String fileName, Path baseDir, Map<String, String> env) {
    return parse(yaml, new Problems(fileName), baseDir, env, null);
  }

  private static MeshModel parse(String yaml, Problems problems, Path baseDir, Map<String, String> env,
      Path descriptor) {
    Node root = compose(yaml, problems);
    if (root == null) {
      if (!problems.hasAny(problems.file())) {
        problems.add(0, "the descriptor is empty; it needs at least a 'name'");
      }
      throw problems.exception();
    }
    return new MeshReader(problems, new EnvSubstitution(env)).read(root, baseDir.toAbsolutePath().normalize(),
        descriptor);
  }

  /** The text of a descriptor or domain file, or null when it cannot be read (then reported). */
  static String text(Path file, Problems problems) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        problems.add(0, "too large for a mesh descriptor (" + size + " bytes)");
        return null;
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add(0, "no such file");
    } catch (MalformedInputException e) {
      problems.add(0, "not valid UTF-8 text");
    } catch (IOException e) {
      problems.add(0, "cannot be read: " + e);
    }
    return null;
  }

  /** The YAML's node tree; null when it is empty, or malformed (then reported). */
  static Node compose(String yaml, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      problems.add(lineOf(e), malformed(e));
    } catch (YAMLException e) {
      problems.add(0, "cannot be read as YAML: " + e.getMessage());
    }
    return null;
  }

  private static int lineOf(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return mark == null ? 0 : mark.getLine() + 1;
  }

  /** SnakeYAML's own words, without its multi-line snippet, plus the column and context. */
  private static String malformed(MarkedYAMLException e) {
    StringBuilder text = new StringBuilder("malformed YAML");
    if (e.getProblemMark() != null) {
      text.append(" at column ").append(e.getProblemMark().getColumn() + 1);
    }
    text.append(": ").append(e.getProblem());
    if (e.getContext() != null) {
      text.append(" (").append(e.getContext());
      if (e.getContextMark() != null) {
        text.append(" at line ").append(e.getContextMark().getLine() + 1);
      }
      text.append(")");
    }
    return text.toString();
  }
}
