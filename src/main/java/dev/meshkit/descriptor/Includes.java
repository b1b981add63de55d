package dev.meshkit.descriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The domain files a platform descriptor pulls in with {@code include:}: file names or globs,
 * relative to the descriptor's folder. Each file is read once, in the order the entries and then
 * their sorted matches give.
 */
final class Includes {

  /** One included file: where it is, and how messages name it. */
  record File(Path path, String name) {

    /** The file's YAML, or null when it cannot be read (the problem is reported in the file). */
    Node compose(Problems problems) {
      String yaml = DescriptorReader.text(path, problems);
      if (yaml == null) {
        return null;
      }
      Node root = DescriptorReader.compose(yaml, problems);
      if (root == null && !problems.hasAny(name)) {
        problems.add(0, "the domain file is empty; it holds one domain, with at least a 'name'");
      }
      return root;
    }
  }

  private static final String GLOB_CHARACTERS = "*?[{";

  private final Problems problems;
  private final Path baseDir;
  /** The platform's own file, which a glob such as {@code *.yaml} matches but never includes. */
  private final Path descriptor;
  /** The folder part of the platform's own name, so included files are named the same way. */
  private final Path shownDir;

  /** @param descriptor the platform's file, absolute, or null when it was given as text */
  Includes(Problems problems, Path baseDir, Path descriptor) {
    this.problems = problems;
    this.baseDir = baseDir;
    this.descriptor = descriptor;
    this.shownDir = shownDir(problems.file());
  }

  private static Path shownDir(String platform) {
    try {
      return Path.of(platform).getParent();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** The files {@code include} names, each once; reports entries that name nothing. */
  List<File> files(Fields mesh) {
    Map<Path, File> files = new LinkedHashMap<>();
    int line = mesh.line("include");
    for (Fields.Text entry : mesh.texts("include")) {
      for (Path path : resolve(entry, line)) {
        if (!path.equals(descriptor)) {
          files.putIfAbsent(path, new File(path, shown(path)));
        }
      }
    }
    return new ArrayList<>(files.values());
  }

  private List<Path> resolve(Fields.Text entry, int line) {
    String pattern = entry.value().replace('\\', '/');
    try {
      if (pattern.chars().noneMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
        Path file = baseDir.resolve(pattern).normalize();
        if (Files.isRegularFile(file)) {
          return List.of(file);
        }
        problems.add(line, "include '" + entry.written() + "' names no file: " + file
            + (Files.isDirectory(file) ? " is a folder (write a glob such as '" + pattern + "/*.yaml')" : " does not exist"));
        return List.of();
      }
      List<Path> matches = glob(pattern);
      if (matches.isEmpty()) {
        problems.add(line, "include '" + entry.written() + "' matches no file (globs are relative to " + baseDir + ")");
      }
      return matches;
    } catch (IllegalArgumentException e) {
      problems.add(line, "include '" + entry.written() + "' is not a valid file name or glob: " + e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      problems.add(line, "include '" + entry.written() + "' cannot be listed: " + e.getMessage());
    }
    return List.of();
  }

  /** Regular files matching {@code pattern}, walking from its fixed leading folders only. */
  private List<Path> glob(String pattern) throws IOException {
    String[] segments = pattern.split("/");
    int fixed = 0;
    while (fixed < segments.length - 1 && segments[fixed].chars().noneMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
      fixed++;
    }
    Path root = baseDir.resolve(String.join("/", List.of(segments).subList(0, fixed))).normalize();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    String rest = String.join("/", List.of(segments).subList(fixed, segments.length));
    int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - fixed;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    // As in shells and .gitignore, a leading **/ also matches no folder at all: domains/**/*.yaml finds domains/a.yaml.
    PathMatcher top = rest.startsWith("**/")
        ? FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3)) : matcher;
    try (Stream<Path> walk = Files.walk(root, depth)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(root.relativize(p)) || top.matches(root.relativize(p)))
          .map(Path::normalize).sorted().toList();
    }
  }

  private String shown(Path file) {
    Path relative = baseDir.relativize(file);
    return (shownDir == null ? relative : shownDir.resolve(relative).normalize()).toString();
  }
}
