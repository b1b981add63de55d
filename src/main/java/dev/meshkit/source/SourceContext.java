package dev.meshkit.source;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.calcite.linq4j.tree.Expression;

/**
 * What a source type needs from the mesh when it opens a source.
 *
 * @param domain the owning domain's name, for messages
 * @param baseDir folder that relative paths resolve against (the descriptor's folder)
 * @param runtimeExpression expression that evaluates, in generated code, to the
 *     {@link Source#runtimeSchema()} of this source as a {@code SchemaPlus}
 */
public record SourceContext(String domain, Path baseDir, Expression runtimeExpression) {

  public SourceContext {
    Objects.requireNonNull(domain, "domain is null");
    Objects.requireNonNull(baseDir, "baseDir is null");
    Objects.requireNonNull(runtimeExpression, "runtimeExpression is null");
  }

  /** Resolves a path setting against the descriptor's folder. */
  public Path resolve(String path) {
    return baseDir.resolve(path).normalize();
  }
}
