package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandsTest {

  @Test
  void splitsListsAndPipesAndRemovesQuotes() {
    assertEquals(List.of(
            List.of("target/meshkit", "validate", "b.yaml"), List.of("echo", "exit $?"), List.of("rm", "b.yaml"),
            List.of("printf", "a\\nb"), List.of("target/meshkit", "shell", "m.yaml", "--user", "ann")),
        ShellCommands.parse("""
            target/meshkit validate b.yaml; echo "exit $?"; rm b.yaml
            printf 'a\\nb' \\
              | target/meshkit shell m.yaml --user ann
            """));
  }

  @Test
  void dropsAssignmentsRedirectionsCommentsAndHereDocuments() {
    assertEquals(List.of(
            List.of("cat"), List.of("target/meshkit", "query", "m.yaml", "--user", "ann", "SELECT 1"), List.of("wc", "-l"),
            List.of("target/meshkit", "serve", "m.yaml")),
        ShellCommands.parse("""
            cat > /tmp/m.yaml <<'YAML'
            name: big   # not a command
            YAML
            JAVA_OPTS=-Xmx64m target/meshkit query m.yaml --user ann "SELECT 1" 2>/dev/null | wc -l
            target/meshkit serve m.yaml &   # stops with Ctrl-C
            """));
  }
}
