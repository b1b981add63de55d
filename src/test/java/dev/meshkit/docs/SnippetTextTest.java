package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTextTest {

  @Test
  void normalizingDropsSharedIndentationTrailingSpacesAndOuterBlankLines() {
    assertEquals(List.of("try (x) {", "  y();", "", "}"), SnippetText.normalize("\n    try (x) {  \n      y();\n\n    }\n\n"));
  }

  @Test
  void anExcerptMatchesConsecutiveLinesIndentedAlike() {
    List<String> file = List.of("policies:", "  - name: a", "    grant: {}", "  - name: b");
    assertTrue(SnippetText.contains(file, List.of("- name: a", "  grant: {}")));
    assertFalse(SnippetText.contains(file, List.of("- name: a", "grant: {}")));
    assertFalse(SnippetText.contains(file, List.of("- name: a", "  - name: b")));
  }
}
