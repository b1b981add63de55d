package dev.meshkit.source;

import dev.meshkit.SourceListener;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.calcite.linq4j.tree.Expression;

/**
 * What a source type needs from the mesh when it opens a source.
 *
 * @param domain the owning domain's name, for messages
 * @param baseDir folder that relative paths resolve against (the descriptor's folder)
 * @param listener told about each statement a database source executes
 * @param runtimeExpression expression that evaluates, in generated code, to the
 *     {@link Source#runtimeSchema()} of this source as a {@code SchemaPlus}
 */
public record SourceContext(String domain, Path baseDir, Expression runtimeExpression, SourceListener listener) {

  public SourceContext {
    Objects.requireNonNull(domain, "domain is null");
    Objects.requireNonNull(baseDir, "baseDir is null");
    Objects.requireNonNull(runtimeExpression, "runtimeExpression is null");
    Objects.requireNonNull(listener, "listener is null");
  }

  public SourceContext(String domain, Path baseDir, Expression runtimeExpression) {
    this(domain, baseDir, runtimeExpression, SourceListener.NONE);
  }

  /** Resolves a path setting against the descriptor's folder. */
  public Path resolve(String path) {
    return baseDir.resolve(path).normalize();
  }
}
