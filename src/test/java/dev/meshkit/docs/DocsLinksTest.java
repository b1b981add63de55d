package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/**.md leads to a file that exists, and every
 * {@code #anchor} to a heading of the page it names (as GitHub makes anchors of headings).
 */
class DocsLinksTest {

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*$");

  @Test
  void relativeLinksResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : DocsSnippetsTest.pages()) {
      int lineNumber = 0;
      boolean inCode = false;
      for (String line : Files.readAllLines(page)) {
        lineNumber++;
        if (line.strip().startsWith("```")) {
          inCode = !inCode;
        }
        if (inCode) {
          continue;
        }
        Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
        while (link.find()) {
          String problem = problem(page, link.group(1));
          if (problem != null) {
            broken.add(page + ":" + lineNumber + ": " + link.group(1) + ": " + problem);
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  private static String problem(Path page, String target) throws IOException {
    if (target.matches("[a-z]+:.*")) {
      return null;   // http:, https:, mailto:
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path linked = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
    Path relative = Path.of("").toAbsolutePath().relativize(linked.toAbsolutePath());
    if (!Files.exists(linked)) {
      return "no such file";
    }
    if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
      return "no such heading in " + relative;
    }
    return null;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
      }
      Matcher heading = HEADING.matcher(line);
      if (!inCode && heading.matches()) {
        String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum);
        anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
      }
    }
    return anchors;
  }
}
