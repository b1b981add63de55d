package dev.meshkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Mesh#exportTrino} wrote: a Trino configuration of the mesh's sources, products and
 * policies, and the report of what did not move.
 *
 * @param directory where the files are
 * @param files the files written, relative to {@code directory}
 * @param environment the environment variables Trino needs, which its catalogs reference for the
 *     sources' credentials
 * @param skipped what was left out because Trino cannot express it, one sentence each, each naming
 *     the source, product, policy or principal; empty unless the export was told to skip
 * @param notes differences that narrow access or change what consumers see of internals, never
 *     what data they read, one sentence each
 */
public record TrinoExport(Path directory, List<String> files, List<String> environment, List<String> skipped,
    List<String> notes) {

  public TrinoExport {
    Objects.requireNonNull(directory, "directory is null");
    files = List.copyOf(files);
    environment = List.copyOf(environment);
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }
}
