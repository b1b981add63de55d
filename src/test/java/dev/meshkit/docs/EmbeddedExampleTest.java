package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.examples.EmbeddedExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README's complete example and checks that it prints what the README says it prints. */
class EmbeddedExampleTest {

  @Test
  void printsWhatEachPrincipalMaySee() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      EmbeddedExample.main(new String[0]);
    } finally {
      System.setOut(out);
    }
    assertEquals("""
        As ann:
          Ann Arbor  XXXXXXXXXXX1234
          Bert Brandt  XXXXXXXXXXXX7788
          Chie Chiba  XXXXXXXXXXX4321
        As bert:
          Bert Brandt  XXXXXXXXXXXX7788
        """, printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}
