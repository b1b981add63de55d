package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.DescriptorSchema;
import dev.meshkit.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {

  @Test
  void printsTheSchemaThatShipsInTheJar() throws Exception {
    Run run = Cli.run("schema");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(Files.readString(Path.of("src/main/resources" + DescriptorSchema.RESOURCE)), run.out());
    assertTrue(run.out().startsWith("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\""), run.out());
    assertEquals("", run.err());
  }
}
