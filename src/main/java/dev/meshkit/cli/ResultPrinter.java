package dev.meshkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result set as it streams: CSV and JSON row by row; the table buffers its first rows to
 * size the columns and then streams the rest at those widths.
 */
final class ResultPrinter {

  /** Rows read before the table's column widths are fixed. */
  static final int WIDTH_SAMPLE = 1000;

  private static final String NULL = "NULL";

  private final PrintWriter out;
  private final OutputFormat format;

  ResultPrinter(PrintWriter out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  /** Prints every row and returns how many there were. */
  long print(ResultSet rs) throws SQLException {
    try {
      long rows = switch (format) {
        case table -> table(rs);
        case csv -> csv(rs);
        case json -> json(rs);
      };
      out.flush();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long table(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    String[] header = new String[n];
    boolean[] right = new boolean[n];
    for (int i = 0; i < n; i++) {
      header[i] = meta.getColumnLabel(i + 1);
      right[i] = isNumeric(meta.getColumnType(i + 1));
    }
    return table(out, header, right, () -> rs.next() ? cells(rs, n) : null);
  }

  /** The next row's cells, or null after the last. */
  interface Rows {
    String[] next() throws SQLException;
  }

  /**
   * An aligned table: header, rule, rows and a row count. Widths come from the first
   * {@link #WIDTH_SAMPLE} rows; later rows stream at those widths.
   */
  static long table(PrintWriter out, String[] header, boolean[] right, Rows rows) throws SQLException {
    int n = header.length;
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = header[i].length();
    }
    List<String[]> sample = new ArrayList<>();
    String[] row = null;
    while (sample.size() < WIDTH_SAMPLE && (row = rows.next()) != null) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
      sample.add(row);
    }
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i > 0 ? "+" : "").append("-".repeat(width[i] + 2));
    }
    line(out, header, width, new boolean[n]);
    out.println(rule);
    for (String[] cells : sample) {
      line(out, cells, width, right);
    }
    long count = sample.size();
    // A full sample leaves the rest unread; stream it at the sampled widths.
    if (row != null) {
      while ((row = rows.next()) != null) {
        line(out, row, width, right);
        count++;
      }
    }
    out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    out.flush();
    return count;
  }

  private static void line(PrintWriter out, String[] cells, int[] width, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(Math.max(0, width[i] - cells[i].length()));
      line.append(i > 0 ? "|" : "").append(' ')
          .append(right[i] ? pad + cells[i] : cells[i] + (i < cells.length - 1 ? pad : "")).append(' ');
    }
    out.println(line.toString().stripTrailing());
  }

  private static String[] cells(ResultSet rs, int n) throws SQLException {
    String[] row = new String[n];
    for (int i = 0; i < n; i++) {
      row[i] = cell(rs.getString(i + 1));
    }
    return row;
  }

  /** NULL shown as such; control characters escaped, as they would break the table apart. */
  static String cell(String value) {
    return value == null ? NULL : value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  private long csv(ResultSet rs) throws SQLException, IOException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    // Flushed, never closed: `out` belongs to the caller.
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    String[] record = new String[n];
    for (int i = 0; i < n; i++) {
      record[i] = meta.getColumnLabel(i + 1);
    }
    csv.writeRecord(record);
    long count = 0;
    while (rs.next()) {
      for (int i = 0; i < n; i++) {
        String value = rs.getString(i + 1);
        record[i] = value == null ? "" : value;
      }
      csv.writeRecord(record);
      count++;
    }
    csv.flush();
    return count;
  }

  private long json(ResultSet rs) throws SQLException, IOException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    String[] names = new String[n];
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      names[i] = meta.getColumnLabel(i + 1);
      types[i] = meta.getColumnType(i + 1);
    }
    long count = 0;
    try (JsonGenerator json = new JsonFactory().createGenerator(out)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      json.setPrettyPrinter(new RowPerLine());
      json.writeStartArray();
      while (rs.next()) {
        json.writeStartObject();
        for (int i = 0; i < n; i++) {
          json.writeFieldName(names[i]);
          value(json, rs, i + 1, types[i]);
        }
        json.writeEndObject();
        count++;
      }
      json.writeEndArray();
    }
    out.println();
    return count;
  }

  /** Numbers and booleans keep their JSON types; everything else is its JDBC string form. */
  private static void value(JsonGenerator json, ResultSet rs, int column, int type) throws SQLException, IOException {
    switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long v = rs.getLong(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeNumber(v);
        }
      }
      case Types.DECIMAL, Types.NUMERIC -> {
        java.math.BigDecimal v = rs.getBigDecimal(column);
        if (v == null) {
          json.writeNull();
        } else {
          json.writeNumber(v);
        }
      }
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
        double v = rs.getDouble(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else if (Double.isFinite(v)) {
          json.writeNumber(v);
        } else {
          json.writeString(Double.toString(v)); // NaN and infinities are not JSON numbers
        }
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean v = rs.getBoolean(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeBoolean(v);
        }
      }
      default -> {
        String v = rs.getString(column);
        if (v == null) {
          json.writeNull();
        } else {
          json.writeString(v);
        }
      }
    }
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
          Types.FLOAT, Types.DOUBLE -> true;
      default -> false;
    };
  }

  /** The outer array puts each row object on a line of its own; the objects stay compact. */
  private static final class RowPerLine extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw("\n");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw(values > 0 ? "\n]" : "]");
    }
  }
}
