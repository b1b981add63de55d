package dev.meshkit.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC 4.2 types both ways, the same embedded ({@code Mesh.connect}) and remote ({@code jdbc:meshkit:remote:}):
 * {@code getObject(column, Class)} for every type the mesh carries and NULL, and {@code setObject} with
 * java.time values, whose fields come back unchanged in any year and across daylight saving changes of
 * the JVM's zone (the build runs in America/New_York).
 */
class TypesTest {

  @TempDir
  static Path dir;
  static ClientMesh fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ClientMesh(dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static Connection connect(String kind) throws SQLException {
    return kind.equals("embedded") ? fixture.embedded() : fixture.remote();
  }

  /** Each column of row 1 read as each class it maps to, and the value expected. */
  static final List<Object[]> ROW_1 = List.of(
      new Object[] {"i", Integer.class, 42}, new Object[] {"i", Long.class, 42L},
      new Object[] {"i", Short.class, (short) 42}, new Object[] {"i", Byte.class, (byte) 42},
      new Object[] {"i", BigDecimal.class, new BigDecimal("42")}, new Object[] {"i", BigInteger.class, BigInteger.valueOf(42)},
      new Object[] {"i", Double.class, 42.0}, new Object[] {"i", String.class, "42"},
      new Object[] {"bi", Long.class, 9_000_000_000L}, new Object[] {"bi", BigInteger.class, BigInteger.valueOf(9_000_000_000L)},
      new Object[] {"si", Short.class, (short) 7}, new Object[] {"ti", Byte.class, (byte) 3},
      new Object[] {"num", BigDecimal.class, new BigDecimal("12345.678")}, new Object[] {"num", Double.class, 12345.678},
      new Object[] {"dbl", Double.class, 2.5}, new Object[] {"dbl", Float.class, 2.5f},
      new Object[] {"r", Float.class, 1.5f},
      new Object[] {"b", Boolean.class, true},
      new Object[] {"s", String.class, "churn"}, new Object[] {"c", String.class, "ab "},
      new Object[] {"d", LocalDate.class, LocalDate.of(1850, 6, 15)},
      new Object[] {"d", Date.class, Date.valueOf("1850-06-15")},
      new Object[] {"tm", LocalTime.class, LocalTime.of(13, 45, 10)},
      new Object[] {"tm", Time.class, Time.valueOf("13:45:10")},
      new Object[] {"ts", LocalDateTime.class, LocalDateTime.of(2026, 11, 1, 1, 30, 0, 250_000_000)},
      new Object[] {"ts", Timestamp.class, Timestamp.valueOf("2026-11-01 01:30:00.25")},
      new Object[] {"ts", LocalDate.class, LocalDate.of(2026, 11, 1)},
      new Object[] {"d", OffsetDateTime.class, OffsetDateTime.parse("1850-06-15T00:00-04:56:02")},  // local mean time
      new Object[] {"tstz", OffsetDateTime.class, OffsetDateTime.parse("2026-03-08T02:30+01:00")},
      new Object[] {"tstz", Instant.class, Instant.parse("2026-03-08T01:30:00Z")},
      new Object[] {"tstz", ZonedDateTime.class, ZonedDateTime.parse("2026-03-08T02:30+01:00")});

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void getObjectReadsEveryTypeAsTheClassesItMapsTo(String kind) throws Exception {
    try (Connection c = connect(kind); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM t.types ORDER BY id")) {
      assertTrue(rs.next());
      for (Object[] check : ROW_1) {
        String column = (String) check[0];
        Class<?> type = (Class<?>) check[1];
        assertEquals(check[2], rs.getObject(column, type), kind + ": " + column + " as " + type.getSimpleName());
        assertEquals(check[2], rs.getObject(rs.findColumn(column), type), kind + ": " + column + " by index");
      }
      assertArrayEquals(new byte[] {1, 2, -1}, rs.getObject("bin", byte[].class));
      // 01:30 happens twice that night; either is the same wall clock, at the JVM zone's offset for it.
      OffsetDateTime twice = rs.getObject("ts", OffsetDateTime.class);
      assertEquals(LocalDateTime.of(2026, 11, 1, 1, 30, 0, 250_000_000), twice.toLocalDateTime());
      assertTrue(ZoneId.systemDefault().getRules().isValidOffset(twice.toLocalDateTime(), twice.getOffset()));
      assertEquals(rs.getObject("s"), rs.getObject("s", Object.class));
      assertTrue(rs.next());
      for (Object[] check : ROW_1) {
        assertNull(rs.getObject((String) check[0], (Class<?>) check[1]), kind + ": NULL " + check[0] + " as " + check[1]);
      }
      assertNull(rs.getObject("bin", byte[].class));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void getObjectRefusesAClassWithoutAMappingNamingClassAndColumnNotTheValue(String kind) throws Exception {
    try (Connection c = connect(kind); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT s, num FROM t.types WHERE id = 1")) {
      rs.next();
      SQLException refused = assertThrows(SQLException.class, () -> rs.getObject("s", UUID.class));
      assertEquals("0A000", refused.getSQLState());
      assertEquals("getObject cannot read column 's' as java.util.UUID; it reads String, the boxed numbers, Boolean,"
          + " BigDecimal, BigInteger, byte[], LocalDate, LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime,"
          + " Instant, java.sql.Date, Time, Timestamp, Array and Object", refused.getMessage());
      SQLException fraction = assertThrows(SQLException.class, () -> rs.getObject(2, BigInteger.class));
      assertEquals("the value of column 2 has a fraction, so it is not a BigInteger (read it as BigDecimal)",
          fraction.getMessage());
      assertEquals("22023", assertThrows(SQLException.class, () -> rs.getObject(1, (Class<?>) null)).getSQLState());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void getObjectWithAnEmptyTypeMapReadsTheValue(String kind) throws Exception {
    try (Connection c = connect(kind); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT i, s FROM t.types WHERE id = 1")) {
      rs.next();
      assertEquals(42, rs.getObject(1, Map.of()));
      assertEquals("churn", rs.getObject("s", Map.of()));
      SQLException named = assertThrows(SQLException.class, () -> rs.getObject(1, Map.of("point", Object.class)));
      assertEquals("0A000", named.getSQLState());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void javaTimeValuesBindAndComeBackWithTheSameFields(String kind) throws Exception {
    List<LocalDateTime> timestamps = List.of(
        LocalDateTime.of(2026, 11, 1, 1, 30, 0, 500_000_000),   // the hour New York lives twice
        LocalDateTime.of(2026, 3, 8, 1, 59, 59, 999_000_000),   // the last instant before it springs forward
        LocalDateTime.of(2026, 3, 8, 3, 0),                     // the first one after
        LocalDateTime.of(1883, 11, 18, 12, 3, 58),              // New York leaves local mean time
        LocalDateTime.of(1850, 6, 15, 23, 59, 59),
        LocalDateTime.of(1600, 2, 29, 8, 0));
    List<LocalDate> dates = List.of(LocalDate.of(1850, 6, 15), LocalDate.of(1899, 12, 31), LocalDate.of(1600, 2, 29),
        LocalDate.of(2026, 3, 8), LocalDate.of(2026, 11, 1), LocalDate.of(1970, 1, 1));
    try (Connection c = connect(kind);
        PreparedStatement p = c.prepareStatement("SELECT CAST(? AS TIMESTAMP(3)), CAST(? AS DATE), CAST(? AS TIME(3))")) {
      for (int i = 0; i < timestamps.size(); i++) {
        LocalTime time = LocalTime.of(i, 59, 30, 125_000_000);
        p.setObject(1, timestamps.get(i));
        p.setObject(2, dates.get(i));
        p.setObject(3, time);
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(timestamps.get(i), rs.getObject(1, LocalDateTime.class), kind);
          assertEquals(dates.get(i), rs.getObject(2, LocalDate.class), kind);
          assertEquals(time, rs.getObject(3, LocalTime.class), kind);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void setObjectBindsJavaTimeToFilterSourceColumnsWithAndWithoutATargetType(String kind) throws Exception {
    try (Connection c = connect(kind);
        PreparedStatement p = c.prepareStatement("SELECT id FROM t.types WHERE d = ? AND ts = ? AND tm = ?")) {
      p.setObject(1, LocalDate.of(1850, 6, 15));
      p.setObject(2, LocalDateTime.of(2026, 11, 1, 1, 30, 0, 250_000_000));
      p.setObject(3, LocalTime.of(13, 45, 10));
      assertEquals(List.of(1), ids(p));
      p.setObject(1, LocalDate.of(1850, 6, 15), Types.DATE);
      p.setObject(2, LocalDateTime.of(2026, 11, 1, 1, 30, 0, 250_000_000), JDBCType.TIMESTAMP);
      p.setObject(3, LocalTime.of(13, 45, 10), Types.TIME);
      assertEquals(List.of(1), ids(p));
      p.setObject(1, LocalDate.of(1850, 6, 16));
      assertEquals(List.of(), ids(p));
    }
    try (Connection c = connect(kind);
        PreparedStatement p = c.prepareStatement("SELECT id FROM t.types WHERE ts < ? AND bi = ?")) {
      // An instant binds as New York's wall clock at it: 02:00 EST, after the row's 01:30.
      p.setObject(1, OffsetDateTime.parse("2026-11-01T07:00:00Z"));
      p.setObject(2, BigInteger.valueOf(9_000_000_000L));
      assertEquals(List.of(1), ids(p));
      p.setObject(1, Instant.parse("2026-11-01T05:00:00Z"));          // 01:00 EDT: before it
      assertEquals(List.of(), ids(p));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void nullsBindThroughSetObject(String kind) throws Exception {
    try (Connection c = connect(kind);
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM t.types WHERE d = ? OR ? IS NULL")) {
      p.setObject(1, null, Types.DATE);
      p.setObject(2, (Object) null, JDBCType.INTEGER);
      assertEquals(List.of(2), ids(p));
      p.setObject(1, LocalDate.of(1850, 6, 15));
      p.setObject(2, 1);
      assertEquals(List.of(1), ids(p));
    }
  }

  private static List<Integer> ids(PreparedStatement p) throws SQLException {
    List<Integer> ids = new java.util.ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
