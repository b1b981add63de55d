package dev.meshkit.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a Markdown page: its language, its text (without the fence's own
 * indentation) and the HTML comment on the line before it, if any, which tunes how it is checked.
 *
 * @param line the 1-based line of the opening fence
 * @param marker the text inside {@code <!-- ... -->} on the nearest non-blank line before the
 *     fence, or null
 */
record CodeBlock(Path page, int line, String language, String text, String marker) {

  private static final Pattern OPEN = Pattern.compile("^( *)(`{3,})\\s*([^\\s`]*)\\s*$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");

  /** Every fenced block of a page, in order. */
  static List<CodeBlock> parse(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    List<CodeBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int indent = open.group(1).length();
      String fence = open.group(2);
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().equals(fence)) {
        String content = lines.get(j);
        int strip = 0;
        while (strip < indent && strip < content.length() && content.charAt(strip) == ' ') {
          strip++;
        }
        text.append(content.substring(strip)).append('\n');
        j++;
      }
      if (j == lines.size()) {
        throw new IllegalStateException(page + ":" + (i + 1) + ": code block is never closed");
      }
      blocks.add(new CodeBlock(page, i + 1, open.group(3), text.toString(), markerBefore(lines, i)));
      i = j;
    }
    return blocks;
  }

  private static String markerBefore(List<String> lines, int fence) {
    for (int i = fence - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        Matcher comment = COMMENT.matcher(lines.get(i));
        return comment.matches() ? comment.group(1) : null;
      }
    }
    return null;
  }

  /** Where the block is, as editors and terminals link it. */
  String where() {
    return page + ":" + line;
  }
}
