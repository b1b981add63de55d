package dev.meshkit.source;

import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;

/** An opened source: a domain-private set of tables. Thread-safe. */
public interface Source extends AutoCloseable {

  /**
   * The source's tables, keyed by the name the source spells them with. Discovery happens on the
   * first successful call and is then kept; after a failure, the next call tries again.
   *
   * @throws SourceUnavailableException when the source cannot be reached right now
   */
  Map<String, Table> tables();

  /**
   * A schema that generated code reaches at run time through {@link SourceContext#runtimeExpression()},
   * or null when the source's tables carry everything they need (files do).
   */
  default Schema runtimeSchema() {
    return null;
  }

  /** Releases pools and files. Idempotent. */
  @Override
  void close();
}
