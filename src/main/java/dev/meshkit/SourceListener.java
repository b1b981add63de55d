package dev.meshkit;

/**
 * Observes every statement that a database source executes on the mesh's behalf: the SQL text as
 * the source received it and the rows it returned. For tracing, metrics and tests that prove
 * pushdown. Called when the source's result set closes, on the thread that read it: the querying
 * thread, or one of the mesh's for a statement that ran in parallel; keep it quick and thread-safe.
 */
@FunctionalInterface
public interface SourceListener {

  /** Listens to nothing. */
  SourceListener NONE = (domain, source, sql, rows) -> { };

  void executed(String domain, String source, String sql, long rows);
}
