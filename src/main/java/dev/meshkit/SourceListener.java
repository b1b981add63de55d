package dev.meshkit;

/**
 * Observes every statement that a database source executes on the mesh's behalf: the SQL text as
 * the source received it and the rows it returned. For tracing, metrics and tests that prove
 * pushdown. Called on the querying thread when the source's result set closes; keep it quick.
 */
@FunctionalInterface
public interface SourceListener {

  /** Listens to nothing. */
  SourceListener NONE = (domain, source, sql, rows) -> { };

  void executed(String domain, String source, String sql, long rows);
}
