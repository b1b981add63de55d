package dev.meshkit.governance;

import dev.meshkit.MeshQuality;
import dev.meshkit.QualityResult;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.model.QualityCheck;
import dev.meshkit.model.Sla;
import dev.meshkit.store.MetadataStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Collectors;

/**
 * Runs quality checks as SQL over {@code "domain"."product"} through a connection that reads every
 * product without policies (see {@code SessionConnector#connectUnrestricted}), so the normal planner
 * pushes each count down to the source. Keeps the latest results per product. Internal.
 */
public final class QualityRunner implements MeshQuality, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QualityRunner.class);

  /** Opens the unrestricted connection checks run through. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private final MeshModel model;
  private final Connector connector;
  /** By lower-case qualified name; a run replaces a product's list as a whole. */
  private final Map<String, List<QualityResult>> latest = new ConcurrentHashMap<>();

  private volatile MetadataStore store;
  private ScheduledExecutorService scheduler;

  public QualityRunner(MeshModel model, Connector connector) {
    this.model = model;
    this.connector = connector;
  }

  /** Serves the stored results of products this runner has not run yet, such as those of before a restart. */
  public void seed(Map<String, List<QualityResult>> stored) {
    stored.forEach(latest::putIfAbsent);
  }

  /**
   * Keeps every later run's results in the store, and starts one daemon thread running each product
   * with a {@code qualitySchedule} at that interval, if any product has one.
   */
  public synchronized void start(MetadataStore store) {
    this.store = store;
    for (DomainModel domain : model.domains()) {
      for (ProductModel p : domain.products()) {
        if (p.qualitySchedule() == null || p.status() == ProductStatus.RETIRED) {
          continue;
        }
        if (scheduler == null) {
          scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meshkit-quality-schedule");
            t.setDaemon(true);
            return t;
          });
        }
        long millis = p.qualitySchedule().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
          try {
            run(domain, p);
          } catch (RuntimeException e) {
            LOG.warn("scheduled quality run of {}.{} failed: {}", domain.name(), p.name(), e.getMessage());
          }
        }, millis, millis, TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * Gives way to the runner of a new version of the mesh: stops the schedule, and hands it the latest results of every product not in {@code changed}
   * (qualified names), which the new version serves as they were.
   */
  public synchronized void handOver(QualityRunner next, Set<String> changed) {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    store = null;
    Set<String> lower = new java.util.HashSet<>();
    changed.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
    latest.forEach((product, results) -> {
      if (!lower.contains(product)) {
        next.latest.put(product, results);
      }
    });
  }

  /** Stops the schedule; the store, shared by every version, is the mesh's to close. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    store = null;
  }

  @Override
  public List<QualityResult> run(String product) {
    for (DomainModel domain : model.domains()) {
      for (ProductModel p : domain.products()) {
        if ((domain.name() + "." + p.name()).equalsIgnoreCase(product)) {
          return run(domain, p);
        }
      }
    }
    throw new IllegalArgumentException("no data product " + product);
  }

  @Override
  public List<QualityResult> runAll() {
    List<QualityResult> all = new ArrayList<>();
    for (DomainModel domain : model.domains()) {
      for (ProductModel p : domain.products()) {
        if (p.status() != ProductStatus.RETIRED) {
          all.addAll(run(domain, p));
        }
      }
    }
    return all;
  }

  @Override
  public List<String> products() {
    List<String> names = new ArrayList<>();
    for (DomainModel domain : model.domains()) {
      for (ProductModel p : domain.products()) {
        if (p.status() != ProductStatus.RETIRED) {
          names.add(domain.name() + "." + p.name());
        }
      }
    }
    return names;
  }

  @Override
  public List<QualityResult> latest(String product) {
    return latest.getOrDefault(product.toLowerCase(Locale.ROOT), List.of());
  }

  private List<QualityResult> run(DomainModel domain, ProductModel product) {
    String name = domain.name() + "." + product.name();
    String table = quote(domain.name()) + "." + quote(product.name());
    List<QualityResult> results = new ArrayList<>();
    try (Connection connection = connector.connect()) {
      for (QualityCheck check : product.quality()) {
        results.add(check(connection, name, table, check));
      }
      Sla sla = product.sla();
      if (sla != null && sla.freshness() != null && sla.timestampColumn() != null) {
        results.add(freshness(connection, name, table, sla));
      }
    } catch (SQLException e) {
      // Opening the connection failed: every check of the product errors with that reason.
      results.clear();
      Instant now = Instant.now();
      product.quality().forEach(c -> results.add(new QualityResult(name, checkName(c), metric(c), c.column(), "error",
          e.getMessage(), expected(c), c.severity(), now)));
    }
    List<QualityResult> done = List.copyOf(results);
    latest.put(name.toLowerCase(Locale.ROOT), done);
    MetadataStore history = store;
    if (history != null) {
      history.recordQuality(name, done);
    }
    return done;
  }

  private static QualityResult check(Connection connection, String product, String table, QualityCheck check) {
    String checkName = checkName(check);
    String expected = expected(check);
    try {
      double observed = measure(connection, table, check);
      String status = passes(check.operator(), check.threshold(), observed) ? "passed" : "failed";
      return new QualityResult(product, checkName, metric(check), check.column(), status, observed, expected,
          check.severity(), Instant.now());
    } catch (SQLException | RuntimeException e) {
      return new QualityResult(product, checkName, metric(check), check.column(), "error", e.getMessage(), expected,
          check.severity(), Instant.now());
    }
  }

  private static double measure(Connection connection, String table, QualityCheck check) throws SQLException {
    if (check.type().equals("sql")) {
      return number(connection, check.query().replace("${product}", table));
    }
    String column = check.column() == null ? null : quote(check.column());
    String count = switch (check.metric()) {
      case "rowCount" -> "SELECT COUNT(*) FROM " + table;
      case "nullValues", "missingValues" -> "SELECT COUNT(*) FROM " + table + " WHERE " + column + " IS NULL";
      // Nulls are not duplicates of each other; nullValues counts them.
      case "duplicateValues" -> "SELECT COUNT(" + column + ") - COUNT(DISTINCT " + column + ") FROM " + table;
      case "invalidValues" -> "SELECT COUNT(*) FROM " + table + " WHERE " + column + " IS NOT NULL AND CAST("
          + column + " AS VARCHAR) NOT IN (" + check.validValues().stream().map(QualityRunner::literal)
              .collect(Collectors.joining(", ")) + ")";
      default -> throw new IllegalStateException("unknown metric " + check.metric());
    };
    double rows = number(connection, count);
    if (!"percent".equals(check.unit()) || check.metric().equals("rowCount")) {
      return rows;
    }
    double total = number(connection, "SELECT COUNT(*) FROM " + table);
    return total == 0 ? 0 : 100 * rows / total;
  }

  private static QualityResult freshness(Connection connection, String product, String table, Sla sla) {
    String expected = ">= now - " + duration(sla.freshness());
    Instant now = Instant.now();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(" + quote(sla.timestampColumn()) + ") FROM " + table)) {
      Timestamp newest = rs.next() ? rs.getTimestamp(1) : null;
      boolean fresh = newest != null && !newest.toInstant().isBefore(now.minus(sla.freshness()));
      return new QualityResult(product, "freshness", "freshness", sla.timestampColumn(), fresh ? "passed" : "failed",
          newest == null ? null : newest.toInstant().toString(), expected, "error", now);
    } catch (SQLException | RuntimeException e) {
      return new QualityResult(product, "freshness", "freshness", sla.timestampColumn(), "error", e.getMessage(),
          expected, "error", now);
    }
  }

  /** The first column of the first row, as a number; an empty result or a null is an error. */
  private static double number(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("the check's query returned no row");
      }
      Object value = rs.getObject(1);
      if (!(value instanceof Number n)) {
        throw new SQLException("the check's query returned " + (value == null ? "null" : "a non-number"));
      }
      return n.doubleValue();
    }
  }

  static boolean passes(String operator, List<Double> t, double v) {
    return switch (operator) {
      case "mustBe" -> v == t.get(0);
      case "mustNotBe" -> v != t.get(0);
      case "mustBeGreaterThan" -> v > t.get(0);
      case "mustBeGreaterOrEqualTo" -> v >= t.get(0);
      case "mustBeLessThan" -> v < t.get(0);
      case "mustBeLessOrEqualTo" -> v <= t.get(0);
      case "mustBeBetween" -> v >= t.get(0) && v <= t.get(1);
      case "mustNotBeBetween" -> v < t.get(0) || v > t.get(1);
      default -> throw new IllegalStateException("unknown operator " + operator);
    };
  }

  static String expected(QualityCheck check) {
    List<Double> t = check.threshold();
    String unit = "percent".equals(check.unit()) ? "%" : "";
    return switch (check.operator()) {
      case "mustBe" -> "= " + number(t.get(0)) + unit;
      case "mustNotBe" -> "<> " + number(t.get(0)) + unit;
      case "mustBeGreaterThan" -> "> " + number(t.get(0)) + unit;
      case "mustBeGreaterOrEqualTo" -> ">= " + number(t.get(0)) + unit;
      case "mustBeLessThan" -> "< " + number(t.get(0)) + unit;
      case "mustBeLessOrEqualTo" -> "<= " + number(t.get(0)) + unit;
      case "mustBeBetween" -> "between " + number(t.get(0)) + unit + " and " + number(t.get(1)) + unit;
      default -> "not between " + number(t.get(0)) + unit + " and " + number(t.get(1)) + unit;
    };
  }

  private static String checkName(QualityCheck check) {
    if (check.name() != null) {
      return check.name();
    }
    return check.column() == null ? metric(check) : metric(check) + "." + check.column();
  }

  private static String metric(QualityCheck check) {
    return check.type().equals("sql") ? "sql" : check.metric();
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String duration(Duration d) {
    long s = d.getSeconds();
    return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
