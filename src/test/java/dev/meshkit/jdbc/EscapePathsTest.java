package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditEvent.Decision;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every JDBC way from one object to another ends at meshkit's guarded objects. The java.sql
 * methods that return a JDBC object (or any Object) are enumerated by reflection, each has a
 * decision below, and a walk from a connection calls every one of them on every object it reaches:
 * nothing leads to the engine's connection, statements, result sets or arrays; and the
 * connections and statements reached run governed, audited statements, one event each.
 */
class EscapePathsTest {

  /** What a method hands out. */
  enum Outcome {
    /** A meshkit object that leads back to the consumer's connection (or null where JDBC says so), or a refusal. */
    GUARDED,
    /** Always a refusal: an SQLException with an SQLState and a sentence. */
    REFUSED,
    /** A value that leads nowhere (column descriptions, column values, LOBs), or a refusal. */
    VALUE,
    /** On a CallableStatement, which no one can obtain: prepareCall is refused. */
    UNREACHABLE
  }

  /** The interfaces whose methods are decided: the brief's six, and what they hand out in turn. */
  static final List<Class<?>> SURFACE = List.of(Connection.class, Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, DatabaseMetaData.class, ResultSetMetaData.class,
      ParameterMetaData.class, Array.class, Wrapper.class);

  static final Set<Class<?>> JDBC_TYPES = Set.of(Connection.class, Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, DatabaseMetaData.class, ResultSetMetaData.class,
      ParameterMetaData.class, Array.class, Blob.class, Clob.class, NClob.class, SQLXML.class, Savepoint.class,
      Struct.class, Ref.class, RowId.class, Object.class, Object[].class);


  static final Map<String, Outcome> DECISIONS = new LinkedHashMap<>();

  static {
    decide(Outcome.GUARDED, "Connection.createStatement", "Connection.prepareStatement", "Connection.getMetaData",
        "Connection.createArrayOf", "Statement.executeQuery", "Statement.getResultSet", "Statement.getConnection",
        "PreparedStatement.executeQuery", "PreparedStatement.getParameterMetaData", "PreparedStatement.getMetaData",
        "ResultSet.getMetaData", "ResultSet.getStatement",
        "ResultSet.getArray", "DatabaseMetaData.getConnection", "Array.getResultSet",
        // Unwrapping yields the object itself, or a refusal; checked separately for every object.
        "Wrapper.unwrap");
    // Every DatabaseMetaData method that returns rows returns a guarded result set.
    for (Method m : DatabaseMetaData.class.getMethods()) {
      if (m.getReturnType() == ResultSet.class) {
        decide(Outcome.GUARDED, "DatabaseMetaData." + m.getName());
      }
    }
    // Procedures: refused, and audited as DENIED. No transactions, so no savepoints. The engine
    // makes no LOBs, XML or structs, and generates no keys for a mesh that only reads.
    decide(Outcome.REFUSED, "Connection.prepareCall", "Connection.setSavepoint", "Connection.createClob",
        "Connection.createBlob", "Connection.createNClob", "Connection.createSQLXML", "Connection.createStruct",
        "Statement.getGeneratedKeys");
    // Column values (arrays among them guarded), and LOBs, which the engine refuses for its types.
    decide(Outcome.VALUE, "ResultSet.getObject",
        "ResultSet.getRef", "ResultSet.getBlob", "ResultSet.getClob", "ResultSet.getNClob", "ResultSet.getSQLXML",
        "ResultSet.getRowId", "Array.getArray");
    for (Method m : CallableStatement.class.getDeclaredMethods()) {
      if (returnsJdbc(m)) {
        decide(Outcome.UNREACHABLE, "CallableStatement." + m.getName());
      }
    }
  }

  private static void decide(Outcome outcome, String... keys) {
    for (String key : keys) {
      DECISIONS.put(key, outcome);
    }
  }

  static Mesh mesh;
  static final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  static final String QUERY = "SELECT id, name, ARRAY[id, id + 1] AS pair FROM sales.items";

  @BeforeAll
  static void load() throws SQLException {
    String url = h2("escape_paths", "CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(20))",
        "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "CREATE TABLE secrets(id INT PRIMARY KEY)");
    mesh = Mesh.builder().name("escape").grant("read-sales", "sales.*").auditSink(events::add)
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("items", "SELECT * FROM erp.items"))
        .domain("hr", d -> d.jdbcSource("erp", url, "sa", "").product("secrets", "SELECT * FROM erp.secrets"))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @BeforeEach
  void forget() {
    events.clear();
  }

  private static boolean returnsJdbc(Method m) {
    return !Modifier.isStatic(m.getModifiers()) && JDBC_TYPES.contains(m.getReturnType());
  }

  private static String key(Method m) {
    return m.getDeclaringClass().getSimpleName() + "." + m.getName();
  }

  /** The decided methods of the surface: declared by a surface interface and returning a JDBC object or an Object. */
  private static Set<String> surfaceKeys() {
    Set<String> keys = new TreeSet<>();
    for (Class<?> type : SURFACE) {
      for (Method m : type.getDeclaredMethods()) {
        if (returnsJdbc(m)) {
          keys.add(key(m));
        }
      }
    }
    return keys;
  }

  @Test
  void everyMethodThatHandsOutAJdbcObjectHasADecision() {
    Set<String> keys = surfaceKeys();
    Set<String> undecided = new TreeSet<>(keys);
    undecided.removeAll(DECISIONS.keySet());
    assertEquals(Set.of(), undecided, "java.sql methods without a decision");
    Set<String> stale = new TreeSet<>(DECISIONS.keySet());
    stale.removeAll(keys);
    assertEquals(Set.of(), stale, "decisions for no java.sql method");
  }

  @Test
  void everyObjectReachedLeadsBackToTheConsumersConnection() throws Exception {
    Walk walk = new Walk();
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      walk.home = c;
      walk.visit(c, 0);
    }
    Set<String> missed = new TreeSet<>();
    DECISIONS.forEach((key, outcome) -> {
      if (outcome != Outcome.UNREACHABLE && !walk.called.contains(key)) {
        missed.add(key);
      }
    });
    assertEquals(Set.of(), missed, "decided methods the walk never called");
    Set<String> neverReturned = new TreeSet<>();
    DECISIONS.forEach((key, outcome) -> {
      if (outcome == Outcome.GUARDED && !key.equals("Wrapper.unwrap") && !walk.returned.contains(key)) {
        neverReturned.add(key);
      }
    });
    assertEquals(Set.of(), neverReturned, "guarded methods that never handed out an object");
    assertTrue(walk.reached.containsAll(Set.of("GuardedConnection", "GuardedStatement", "GuardedPreparedStatement",
        "GuardedResultSet", "GuardedMetaData", "GuardedParameterMetaData", "GuardedResultSetMetaData", "GuardedArray")),
        walk.reached.toString());
  }

  @Test
  void noCallableStatementCanBeObtained() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      for (Method m : Connection.class.getMethods()) {
        if (m.getName().equals("prepareCall")) {
          SQLException e = refusal(() -> m.invoke(c, args(m)));
          assertEquals("0A000", e.getSQLState());
        }
      }
    }
    assertEquals(3, events.size(), "each refused call is audited");
    assertTrue(events.stream().allMatch(e -> e.decision() == Decision.DENIED), events.toString());
  }

  /** Calls every decided method of every object reached, checking each outcome. */
  private static final class Walk {
    Connection home;
    final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    final Set<String> called = new TreeSet<>();
    final Set<String> returned = new TreeSet<>();
    final Set<String> reached = new TreeSet<>();

    void visit(Object o, int depth) throws Exception {
      if (o instanceof Object[] elements) {
        for (Object element : elements) {
          visit(element, depth + 1);
        }
        return;
      }
      if (!(o instanceof Wrapper) && !(o instanceof Array || o instanceof Struct || o instanceof Blob
          || o instanceof Clob || o instanceof SQLXML || o instanceof Savepoint || o instanceof Ref || o instanceof RowId)
          || !visited.add(o) || depth > 8) {
        return;
      }
      if (o instanceof Wrapper || o instanceof Array) {
        // Whatever can run SQL, lead to what can, or unwrap: a consumer only ever holds meshkit's.
        assertEquals("dev.meshkit.jdbc", o.getClass().getPackageName(), o.getClass() + " was handed out");
        reached.add(o.getClass().getSimpleName());
      }
      if (o instanceof Connection c) {
        assertSame(home, c, "every connection reached is the consumer's");
      }
      if (o instanceof Wrapper w) {
        checkUnwrap(w);
      }
      if (o instanceof ResultSet rs && !rs.isClosed() && rs.next()) {
        // Every column's value, arrays among them; read before visiting, which may run the statement again.
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.add(rs.getObject(i));
        }
        visit(values.toArray(), depth);
      }
      for (Method m : decidedMethods(o)) {
        Outcome outcome = DECISIONS.get(key(m));
        called.add(key(m));
        Object result;
        try {
          result = m.invoke(o, args(m));
        } catch (InvocationTargetException e) {
          checkRefusal(m, e.getCause());
          continue;
        }
        assertTrue(outcome != Outcome.REFUSED, key(m) + " was to be refused but returned " + result);
        if (outcome == Outcome.GUARDED && result != null) {
          assertEquals("dev.meshkit.jdbc", result.getClass().getPackageName(), key(m) + " returned " + result.getClass());
          returned.add(key(m));
        }
        visit(result, depth + 1);
      }
    }

    /** The decided methods {@code o} has, by name, so that executions come before getResultSet; unwrap apart. */
    private static List<Method> decidedMethods(Object o) {
      List<Method> methods = new ArrayList<>();
      for (Class<?> type : SURFACE) {
        if (type.isInstance(o)) {
          for (Method m : type.getDeclaredMethods()) {
            if (returnsJdbc(m) && DECISIONS.containsKey(key(m)) && !m.getName().equals("unwrap")) {
              methods.add(m);
            }
          }
        }
      }
      methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toString));
      return methods;
    }

    /** An object unwraps to itself or not at all, and says so consistently. */
    private void checkUnwrap(Wrapper w) throws SQLException {
      called.add("Wrapper.unwrap");
      for (Class<?> iface : List.of(Object.class, Wrapper.class, Connection.class, Statement.class,
          PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class,
          ResultSetMetaData.class, ParameterMetaData.class, Array.class, CalciteConnection.class,
          AvaticaConnection.class, AvaticaStatement.class, AvaticaPreparedStatement.class, AvaticaResultSet.class)) {
        boolean wraps = w.isWrapperFor(iface);
        if (iface.isInstance(w)) {
          assertTrue(wraps, w.getClass() + " is a " + iface);
          assertSame(w, w.unwrap(iface));
        } else {
          assertFalse(wraps, w.getClass() + " claims to wrap a " + iface);
          SQLException e = refusal(() -> w.unwrap(iface));
          assertNotNull(e.getSQLState(), e.getMessage());
        }
      }
    }
  }

  private static void checkRefusal(Method m, Throwable cause) {
    SQLException e = assertInstanceOf(SQLException.class, cause, key(m) + " threw " + cause);
    assertNotNull(e.getSQLState(), key(m) + " refused without an SQLState: " + e.getMessage());
    assertNotNull(e.getMessage(), key(m) + " refused without a sentence");
    assertNoStackTrace(e.getMessage());
  }

  @FunctionalInterface
  interface Call {
    Object run() throws Exception;
  }

  private static SQLException refusal(Call call) {
    try {
      Object result = call.run();
      return fail("not refused: " + result);
    } catch (InvocationTargetException e) {
      return assertInstanceOf(SQLException.class, e.getCause());
    } catch (Exception e) {
      return assertInstanceOf(SQLException.class, e);
    }
  }

  /** Arguments that make sense for each method: the query for executions, the array column for getters. */
  private static Object[] args(Method m) {
    return args(m, QUERY);
  }

  private static Object[] args(Method m, String sql) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    boolean opens = m.getName().startsWith("create") || m.getName().startsWith("prepare");
    int[] openInts = types.length == 2 ? new int[] {Statement.NO_GENERATED_KEYS}
        : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT};
    boolean rows = m.getDeclaringClass() == ResultSet.class;
    boolean arrayColumn = m.getReturnType() == Array.class || m.getReturnType() == Object.class;
    int ints = 0;
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == String.class) {
        args[i] = m.getName().startsWith("create") ? "INTEGER"
            : opens || m.getName().startsWith("execute") ? sql
            : rows ? (arrayColumn ? "pair" : "name") : m.getName().equals("setSavepoint") ? "s" : null;
      } else if (t == int.class) {
        args[i] = opens && m.getDeclaringClass() == Connection.class ? openInts[Math.min(ints++, openInts.length - 1)]
            : m.getName().startsWith("execute") ? Statement.NO_GENERATED_KEYS
            : rows ? (arrayColumn ? 3 : 2) : 1;
      } else if (t == long.class) {
        args[i] = 1L;
      } else if (t == boolean.class) {
        args[i] = false;
      } else if (t == Object[].class) {
        args[i] = new Object[] {1};
      } else if (t == Map.class) {
        args[i] = Map.of();
      } else if (t == Class.class) {
        args[i] = Object.class;
      }
    }
    return args;
  }

  /** How a consumer can reach a connection other than the one it opened. */
  @FunctionalInterface
  interface Route {
    Connection from(Connection c) throws SQLException;
  }

  static final Map<String, Route> ROUTES = new LinkedHashMap<>();

  static {
    ROUTES.put("the connection itself", c -> c);
    ROUTES.put("getMetaData().getConnection()", c -> c.getMetaData().getConnection());
    ROUTES.put("createStatement().getConnection()", c -> c.createStatement().getConnection());
    ROUTES.put("prepareStatement().getConnection()", c -> c.prepareStatement("SELECT id FROM sales.items").getConnection());
    ROUTES.put("executeQuery().getStatement().getConnection()",
        c -> c.createStatement().executeQuery("SELECT id FROM sales.items").getStatement().getConnection());
    ROUTES.put("an array's getResultSet().getStatement().getConnection()", c -> {
      ResultSet rs = c.createStatement().executeQuery("SELECT ARRAY[id, 2] FROM sales.items");
      rs.next();
      return rs.getArray(1).getResultSet().getStatement().getConnection();
    });
    ROUTES.put("unwrap(Connection.class)", c -> c.unwrap(Connection.class));
  }

  @Test
  void everyExecutionThroughEveryRouteIsGovernedAndAuditedOnce() throws Exception {
    String denied = "SELECT id FROM hr.secrets";
    String query = "SELECT id, name FROM sales.items";
    for (Map.Entry<String, Route> route : ROUTES.entrySet()) {
      try (Connection c = mesh.connect(Principal.of("ann"))) {
        Connection reached = route.getValue().from(c);
        assertSame(c, reached, route.getKey());
        for (Method m : executions()) {
          events.clear();
          boolean prepared = m.getDeclaringClass() == PreparedStatement.class;
          boolean refused = m.getName().contains("Update") || m.getName().contains("Batch");
          Statement s = prepared ? reached.prepareStatement(query) : reached.createStatement();
          Object result;
          try {
            result = m.invoke(s, args(m, query));
            assertFalse(refused, m + " ran");
          } catch (InvocationTargetException e) {
            checkRefusal(m, e.getCause());
            assertTrue(refused, m + " failed: " + e.getCause());
            result = null;
          }
          if (result instanceof ResultSet rs) {
            rows(rs);
          } else if (Boolean.TRUE.equals(result)) {
            rows(s.getResultSet());
            assertFalse(s.getMoreResults(), "one result only");
          }
          String where = route.getKey() + ": " + m;
          assertEquals(1, events.size(), where + " " + events);
          AuditEvent event = events.get(0);
          assertEquals("ann", event.principal(), where);
          assertEquals(refused ? Decision.DENIED : Decision.ALLOWED, event.decision(), where + " " + event.error());
          if (!refused) {
            assertEquals(3, event.rowsReturned(), where);
          }
          s.close();
        }
        // Governed as well: a product the principal may not read is denied, and translated.
        events.clear();
        SQLException e = assertThrows(SQLException.class, () -> rows(reached, denied));
        assertEquals("42501", e.getSQLState(), route.getKey());
        assertNoStackTrace(e.getMessage());
        assertEquals(1, events.size(), route.getKey());
        assertEquals(Decision.DENIED, events.get(0).decision(), route.getKey());
      }
    }
  }

  /**
   * Every execution method of Statement and PreparedStatement, by reflection; a prepared statement
   * runs its own, since JDBC forbids it the text-taking ones.
   */
  private static List<Method> executions() {
    List<Method> methods = new ArrayList<>();
    for (Class<?> type : List.of(Statement.class, PreparedStatement.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (m.getName().startsWith("execute")) {
          methods.add(m);
        }
      }
    }
    methods.sort((a, b) -> a.toString().compareTo(b.toString()));
    assertEquals(19, methods.size(), methods.stream().map(Method::toString).collect(Collectors.joining("\n")));
    return methods;
  }
}
