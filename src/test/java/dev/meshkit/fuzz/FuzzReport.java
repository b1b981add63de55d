package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AddDays;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Cast;
import dev.meshkit.fuzz.Ast.Join;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Ast.SetOp;
import dev.meshkit.fuzz.Ast.Subquery;
import dev.meshkit.fuzz.Ast.Table;
import dev.meshkit.fuzz.Ast.Window;
import dev.meshkit.fuzz.Oracles.NoRec;
import dev.meshkit.fuzz.Oracles.Tlp;
import dev.meshkit.fuzz.Verdict.Kind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The verdicts of a run, by class, with the first case of each and its reduction: the summary the
 * tests print, and what they assert on. Wrong answers share one class until reduced; the features
 * of the reduced query (operators, aggregates, joins, the source kinds read) then tell them apart.
 */
final class FuzzReport {

  /** How many wrong answers of one class are reduced, to tell apart the bugs behind them. */
  private static final int WRONG_ANSWERS_REDUCED = 12;

  record Case(int index, Node root, Verdict verdict) {
  }

  /** A reduced case: its features, the reduced text and what the oracle says of it. */
  record Reduced(Case original, String signature, String sql, Verdict verdict, int checks, List<String> sources) {
  }

  private static final class Entry {
    final Kind kind;
    final String key;
    int count;
    final List<Case> firsts = new ArrayList<>();
    final List<Reduced> reduced = new ArrayList<>();

    Entry(Kind kind, String key) {
      this.kind = kind;
      this.key = key;
    }

    int kept() {
      boolean wrong = kind == Kind.WRONG_ANSWER || (kind == Kind.TLP || kind == Kind.NOREC) && !key.startsWith("one side");
      return wrong ? WRONG_ANSWERS_REDUCED : 1;
    }
  }

  private final Fuzzer.Settings settings;
  private final String sources;
  private final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
  private final Map<String, Integer> known = new LinkedHashMap<>();
  private final Map<String, Entry> classes = new LinkedHashMap<>();
  private final BitSet statements = new BitSet();
  private int queries;
  private int differentialQueries;
  private int tlpQueries;
  private long nanos;

  FuzzReport(Fuzzer.Settings settings, String sources) {
    this.settings = settings;
    this.sources = sources;
  }

  synchronized void add(int index, Node root, Verdict verdict) {
    queries++;
    statements.set(index);
    if (root instanceof Ast.Query) {
      differentialQueries++;
    } else if (root instanceof Tlp) {
      tlpQueries++;
    }
    kinds.merge(verdict.kind(), 1, Integer::sum);
    if (verdict.kind() == Kind.KNOWN) {
      known.merge(verdict.key(), 1, Integer::sum);
    }
    if (!verdict.difference()) {
      return;
    }
    Entry entry = classes.computeIfAbsent(verdict.classKey(), k -> new Entry(verdict.kind(), verdict.key()));
    entry.count++;
    entry.firsts.add(new Case(index, root, verdict));
    entry.firsts.sort(Comparator.comparingInt(Case::index));
    if (entry.firsts.size() > entry.kept()) {
      entry.firsts.remove(entry.firsts.size() - 1);
    }
  }

  void ran(long nanos) {
    this.nanos = nanos;
  }

  /** The cases to reduce, the most frequent classes first: the first of each, and a few more wrong answers. */
  synchronized List<Case> toReduce() {
    List<Entry> entries = new ArrayList<>(classes.values());
    entries.sort(Comparator.comparingInt((Entry e) -> -e.count));
    List<Case> first = new ArrayList<>();
    List<Case> more = new ArrayList<>();
    for (Entry e : entries) {
      first.add(e.firsts.get(0));
      more.addAll(e.firsts.subList(1, e.firsts.size()));
    }
    first.addAll(more);
    return first;
  }

  synchronized void reduced(Case original, Node reduced, Verdict verdict, int checks, List<String> sources) {
    Entry entry = classes.get(original.verdict().classKey());
    entry.reduced.add(new Reduced(original, signature(reduced), show(reduced), verdict, checks, sources));
  }

  /**
   * A case as the report prints it: the SQL and its parameters' values; a TLP case also as one query,
   * a NoREC case also as its unfiltered queries.
   */
  static String show(Node root) {
    String text = Ast.describe(root);
    if (root instanceof Tlp tlp) {
      text += "\n    partitions as one query: " + inline(tlp.partitioned());
    } else if (root instanceof NoRec noRec) {
      text += "\n    unfiltered count: " + inline(noRec.unfilteredCount())
          + "\n    unfiltered rows: " + inline(noRec.unfilteredRows());
    }
    return text;
  }

  /** The SQL with its parameters' values written out. */
  private static String inline(Node query) {
    return Ast.transform(query, n -> n instanceof Lit l && l.param() ? new Lit(l.value(), l.type(), false) : n).sql();
  }

  /** The number of cases whose verdict is of one of {@code these} kinds. */
  synchronized int count(Kind... these) {
    int n = 0;
    for (Kind k : these) {
      n += kinds.getOrDefault(k, 0);
    }
    return n;
  }

  /** The number of queries run: each execution of a statement, with its own values, is one. */
  int queries() {
    return queries;
  }

  /** The summary: what ran, how fast, what agreed, and each class of difference with a reduced example. */
  synchronized String text() {
    StringBuilder out = new StringBuilder();
    double seconds = nanos / 1e9;
    out.append(String.format("meshkit fuzz: seed %d, %d queries (%d differential, %d TLP, %d NoREC) from"
            + " %d generated statements in %.1f s, %.1f s per 1,000 queries (%d thread%s)%n", settings.seed(), queries,
        differentialQueries, tlpQueries, queries - differentialQueries - tlpQueries, statements.cardinality(), seconds,
        queries == 0 ? 0 : seconds * 1000 / queries, settings.threads(), settings.threads() == 1 ? "" : "s"));
    out.append("  sources: ").append(sources).append('\n');
    out.append("  verdicts:");
    for (Kind k : Kind.values()) {
      if (kinds.containsKey(k)) {
        out.append(' ').append(k.title).append(' ').append(kinds.get(k)).append(',');
      }
    }
    out.setLength(out.length() - 1);
    out.append('\n');
    known.forEach((name, n) -> out.append("  known difference '").append(name).append("': ").append(n).append('\n'));
    List<Entry> entries = new ArrayList<>(classes.values());
    int total = entries.stream().mapToInt(e -> e.count).sum();
    if (entries.isEmpty()) {
      return out.append("  no differences\n").toString();
    }
    out.append(String.format("  %d differences in %d classes, most frequent first; replay one with"
        + " -Dmeshkit.fuzz.seed=%d -Dmeshkit.fuzz.query=N%n", total, entries.size(), settings.seed()));
    entries.sort(Comparator.comparingInt((Entry e) -> e.kind.ordinal()).thenComparingInt(e -> -e.count));
    Kind section = null;
    int number = 0;
    for (Entry e : entries) {
      if (e.kind != section) {
        section = e.kind;
        int n = entries.stream().filter(x -> x.kind == e.kind).mapToInt(x -> x.count).sum();
        out.append("\n  == ").append(e.kind.title).append(": ").append(n).append('\n');
      }
      out.append(String.format("  %3d. %6d × %s%n", ++number, e.count, e.key));
      Case first = e.firsts.get(0);
      out.append("        first: query ").append(first.index()).append(": ").append(first.verdict().detail())
          .append('\n');
      if (e.reduced.isEmpty()) {
        out.append("        not reduced (time ran out); as generated:\n          ")
            .append(show(first.root()).replace("\n", "\n          ")).append('\n');
      }
      Map<String, List<Reduced>> shapes = new LinkedHashMap<>();
      for (Reduced r : e.reduced) {
        shapes.computeIfAbsent(r.signature(), s -> new ArrayList<>()).add(r);
      }
      shapes.forEach((signature, rs) -> {
        Reduced r = rs.get(0);
        out.append("        reduced");
        if (e.reduced.size() > 1) {
          out.append(" [").append(signature).append("] ").append(rs.size()).append(" of ").append(e.reduced.size())
              .append(" reduced");
        }
        out.append(" (query ").append(r.original().index()).append(", ").append(r.checks()).append(" tries): ")
            .append(r.sql().replace("\n", "\n          ")).append('\n');
        if (!r.verdict().classKey().equals(r.original().verdict().classKey())) {
          out.append("          (the reduced query now gives: ").append(r.verdict().classKey()).append(")\n");
        } else {
          out.append("          ").append(r.verdict().detail()).append('\n');
        }
        for (String statement : r.sources()) {
          out.append("          source statement ").append(statement).append('\n');
        }
      });
    }
    return out.toString();
  }

  /** The features of a reduced case, which tell apart the bugs behind one kind of wrong answer. */
  static String signature(Node root) {
    TreeSet<String> features = new TreeSet<>();
    for (Node node : Ast.walk(root)) {
      if (node instanceof Call c) {
        features.add(c.fn().name());
      } else if (node instanceof Agg a) {
        features.add(a.fn() + (a.distinct() ? " DISTINCT" : ""));
      } else if (node instanceof Window w) {
        features.add(w.fn() + " OVER");
      } else if (node instanceof Cast c) {
        features.add("CAST " + c.arg().type() + "→" + c.target());
      } else if (node instanceof AddDays) {
        features.add("+INTERVAL");
      } else if (node instanceof Join j) {
        features.add(j.kind() + " JOIN");
      } else if (node instanceof SetOp s) {
        features.add(s.kind().name());
      } else if (node instanceof Subquery s) {
        features.add(s.kind() + " subquery");
      } else if (node instanceof Select s) {
        features.add(s.from() == null ? "no FROM" : "FROM");
        if (!s.groupBy().isEmpty()) {
          features.add("GROUP BY");
        }
        if (s.having() != null) {
          features.add("HAVING");
        }
        if (s.distinct()) {
          features.add("DISTINCT");
        }
        if (s.limit() != null) {
          features.add("LIMIT");
        }
      } else if (node instanceof Table t) {
        features.add("table " + t.schema());
      } else if (node instanceof Lit l && l.value() == null) {
        features.add(l.bare() ? "NULL" : "NULL " + l.type());
      } else if (node instanceof Tlp) {
        features.add("TLP");
      } else if (node instanceof NoRec) {
        features.add("NoREC");
      }
    }
    return String.join(", ", features);
  }
}
