package dev.meshkit.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a shell script into its simple commands, each a list of words with quotes removed, as
 * far as the docs' scripts need: quotes and backslashes, comments, line continuations, pipes and
 * lists ({@code | || && ; &}), subshell parentheses, redirections and here-documents (whose bodies
 * are skipped). Variable assignments before a command are dropped; nothing is expanded.
 */
final class ShellCommands {

  private static final Set<String> SEPARATORS = Set.of("|", "||", "&&", ";", "&", "(", ")");
  private static final Set<String> REDIRECTIONS = Set.of(">", ">>", "<", "<<");

  private record Token(String text, boolean operator) {
  }

  private ShellCommands() {
  }

  static List<List<String>> parse(String script) {
    List<List<String>> commands = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    String hereDocEnd = null;
    StringBuilder logical = new StringBuilder();
    for (String line : lines) {
      if (hereDocEnd != null) {
        if (line.strip().equals(hereDocEnd)) {
          hereDocEnd = null;
        }
        continue;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      List<Token> tokens = tokenize(logical.toString());
      logical.setLength(0);
      hereDocEnd = split(tokens, commands);
    }
    return commands;
  }

  /** Adds the line's commands; returns the here-document delimiter it opens, if any. */
  private static String split(List<Token> tokens, List<List<String>> commands) {
    String hereDocEnd = null;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.operator() && SEPARATORS.contains(t.text())) {
        add(words, commands);
        words = new ArrayList<>();
      } else if (t.operator() && REDIRECTIONS.contains(t.text())) {
        if (i + 1 < tokens.size()) {
          i++;
          if (t.text().equals("<<")) {
            hereDocEnd = tokens.get(i).text();
          }
        }
      } else {
        words.add(t.text());
      }
    }
    add(words, commands);
    return hereDocEnd;
  }

  private static void add(List<String> words, List<List<String>> commands) {
    int first = 0;
    while (first < words.size() && words.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      first++;
    }
    if (first < words.size()) {
      commands.add(List.copyOf(words.subList(first, words.size())));
    }
  }

  private static List<Token> tokenize(String line) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        inWord = endWord(word, inWord, tokens);
        i++;
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated ' in: " + line);
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            i++;
          }
          word.append(line.charAt(i++));
        }
        if (i == line.length()) {
          throw new IllegalArgumentException("unterminated \" in: " + line);
        }
        inWord = true;
        i++;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if ("|&;()<>".indexOf(c) >= 0) {
        // A file descriptor number right before a redirection belongs to it: 2>/dev/null.
        if (c == '>' && inWord && word.toString().matches("\\d+")) {
          word.setLength(0);
          inWord = false;
        }
        inWord = endWord(word, inWord, tokens);
        String two = i + 1 < line.length() ? line.substring(i, i + 2) : "";
        String op = Set.of("||", "&&", ">>", "<<").contains(two) ? two : String.valueOf(c);
        tokens.add(new Token(op, true));
        i += op.length();
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    endWord(word, inWord, tokens);
    return tokens;
  }

  private static boolean endWord(StringBuilder word, boolean inWord, List<Token> tokens) {
    if (inWord) {
      tokens.add(new Token(word.toString(), false));
      word.setLength(0);
    }
    return false;
  }
}
