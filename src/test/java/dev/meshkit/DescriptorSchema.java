package dev.meshkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The descriptor's JSON Schema as the jar ships it, checking YAML as an editor would. */
public final class DescriptorSchema {

  /** Where the schema is on the class path, as {@code meshkit schema} prints it. */
  public static final String RESOURCE = "/dev/meshkit/mesh.schema.json";

  private static final Schema SCHEMA = load();

  private DescriptorSchema() {
  }

  private static Schema load() {
    try (InputStream in = DescriptorSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the schema finds wrong with a descriptor or domain file; empty when it conforms. */
  public static List<String> problems(String yaml) {
    return SCHEMA.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
  }
}
