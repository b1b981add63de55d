package dev.meshkit.it;

import dev.meshkit.SourceListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records what each source executed, so tests prove pushdown by the SQL the database received. */
final class SourceLog implements SourceListener {

  record Executed(String domain, String source, String sql, long rows) {
  }

  private final List<Executed> executed = new CopyOnWriteArrayList<>();

  @Override
  public void executed(String domain, String source, String sql, long rows) {
    executed.add(new Executed(domain, source, sql, rows));
  }

  void clear() {
    executed.clear();
  }

  List<Executed> all() {
    return List.copyOf(executed);
  }

  List<Executed> of(String domain, String source) {
    return executed.stream().filter(e -> e.domain().equals(domain) && e.source().equals(source))
        .collect(Collectors.toList());
  }

  /** The one statement the query sent anywhere; fails if there were more (pushdown broke up). */
  Executed single() {
    List<Executed> all = all();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one source statement, got " + all.size() + ": " + all);
    }
    return all.get(0);
  }

  /** The one statement the query sent to this source. */
  Executed single(String domain, String source) {
    List<Executed> mine = of(domain, source);
    if (mine.size() != 1) {
      throw new AssertionError("expected one statement on " + domain + "." + source + ", got " + all());
    }
    return mine.get(0);
  }
}
