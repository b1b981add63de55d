package dev.meshkit.tpch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A materialized result with values normalized so that engines can be compared: every number a
 * {@link BigDecimal}, dates {@link java.time.LocalDate}, strings stripped of CHAR padding.
 */
record QueryResult(List<String> columns, List<List<Object>> rows) {

  QueryResult {
    columns = List.copyOf(columns);
    // Rows may hold nulls, which List.copyOf refuses.
    rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
  }

  static QueryResult of(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(normalize(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  static Object normalize(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    } else if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      // NaN and infinities have no BigDecimal; they stay as they are and only equal themselves.
      return Double.isFinite(d) ? new BigDecimal(value.toString()) : (Object) d;
    } else if (value instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    } else if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    } else if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    } else if (value instanceof String s) {
      return s.strip();
    }
    return value;
  }
}
