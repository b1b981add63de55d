package dev.meshkit.source.jdbc;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.meshkit.source.SourceConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seeding of in-memory H2 sources ({@code seed:} on a JDBC source, and the test fixtures in
 * {@code dev.meshkit.testing}): {@code .sql} files run as scripts, {@code .csv} files load into the
 * existing table named after the file. Seeds are only for {@code jdbc:h2:mem:} databases, because
 * the test fixtures reset a seeded database by dropping everything in it.
 *
 * <p>Errors are {@link SourceConfigException}s naming the seed file and its line (and, for CSV, the
 * column); a CSV value that does not convert to its column's type is never echoed.
 */
public final class Seeds {

  private static final int BATCH = 1000;

  private Seeds() {
  }

  /** Whether a JDBC URL names an in-memory H2 database, the only kind a seed may fill. */
  public static boolean isInMemoryH2(String url) {
    return url.regionMatches(true, 0, "jdbc:h2:mem:", 0, "jdbc:h2:mem:".length());
  }

  /**
   * The {@code seed:} setting of a JDBC source: one file or a list, resolved against {@code baseDir}.
   *
   * @throws SourceConfigException if the setting is ill-typed, the URL is not in-memory H2, or a file is missing
   */
  public static List<Path> files(Object setting, String url, Path baseDir) {
    if (setting == null) {
      return List.of();
    }
    List<?> entries = setting instanceof List<?> list ? list : List.of(setting);
    if (!isInMemoryH2(url)) {
      throw new SourceConfigException("setting 'seed' is only for in-memory H2 databases (jdbc:h2:mem:...),"
          + " because seeded databases are reset by dropping everything in them; fill other databases with their"
          + " own tools");
    }
    List<Path> files = new ArrayList<>();
    for (Object entry : entries) {
      if (entry == null || entry instanceof Map || entry instanceof List || entry.toString().isBlank()) {
        throw new SourceConfigException("setting 'seed' must list file names (.sql or .csv)");
      }
      Path file = baseDir.resolve(entry.toString()).normalize();
      checkFile(entry.toString(), file);
      files.add(file);
    }
    return List.copyOf(files);
  }

  /**
   * @throws SourceConfigException unless {@code file} is a readable .sql or .csv file
   */
  private static void checkFile(String shownAs, Path file) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".sql") && !lower.endsWith(".csv")) {
      throw new SourceConfigException("seed file " + shownAs + " must end in .sql (a script) or .csv (rows of"
          + " the table named after the file)");
    }
    if (!Files.isRegularFile(file)) {
      throw new SourceConfigException("seed file " + shownAs + " not found (looked for " + file.toAbsolutePath() + ")");
    }
  }

  /** Whether the database has no table of its own yet, so that a load seeds it only once. */
  public static boolean isEmpty(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
             + " WHERE UPPER(TABLE_SCHEMA) <> 'INFORMATION_SCHEMA'")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }

  /** Drops every table, view, sequence and schema object: the database is as new. */
  public static void reset(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
  }

  /**
   * Runs one seed file.
   *
   * @param shownAs how messages name the file (as the user wrote it)
   * @throws SourceConfigException naming the file and line of the first statement or record that fails
   */
  public static void run(Connection connection, Path file, String shownAs) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SourceConfigException("seed file " + shownAs + " cannot be read: " + e.getMessage());
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      loadCsv(connection, text, tableName(file), shownAs);
    } else {
      runScript(connection, text, shownAs);
    }
  }

  private static String tableName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".csv".length());
  }

  /**
   * H2's own script reader splits statements, so quotes, comments and $$ bodies are handled as H2
   * does. It is reached through {@link H2Statements} so that this class loads without H2 present.
   */
  private static void runScript(Connection connection, String text, String shownAs) {
    H2Statements reader = new H2Statements(new StringReader(text));
    int searchFrom = 0;
    try (Statement statement = connection.createStatement()) {
      String sql;
      while ((sql = reader.next()) != null) {
        int at = text.indexOf(sql, searchFrom);
        int line = lineOf(text, at < 0 ? searchFrom : firstCode(text, at));
        if (at >= 0) {
          searchFrom = at + sql.length();
        }
        if (sql.isBlank()) {
          continue;
        }
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw new SourceConfigException("seed file " + shownAs + " line " + line + ": " + h2Message(e));
        }
      }
    } catch (SQLException e) {
      throw new SourceConfigException("seed file " + shownAs + ": " + h2Message(e));
    } finally {
      reader.close();
    }
  }

  /** Where a statement's code starts, past blanks and the comments H2 keeps in front of it. */
  private static int firstCode(String text, int from) {
    int i = from;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
      } else if (text.startsWith("--", i) || text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** H2 appends the statement and an error code; the first clause is the sentence a user needs. */
  private static String h2Message(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int cut = message.indexOf("; SQL statement:");
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    int code = message.lastIndexOf(" [");
    if (code > 0 && message.endsWith("]")) {
      message = message.substring(0, code);
    }
    return message.strip();
  }

  private static void loadCsv(Connection connection, String text, String table, String shownAs) {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ignoreDifferentFieldCount(true).ofCsvRecord(text)) {
      CsvRecord header = null;
      var iterator = reader.iterator();
      if (iterator.hasNext()) {
        header = iterator.next();
      }
      if (header == null) {
        throw new SourceConfigException("seed file " + shownAs + " is empty; its first line must name the columns");
      }
      String spelled = tableSpelling(connection, table);
      if (spelled == null) {
        throw new SourceConfigException("seed file " + shownAs + ": table " + table + " does not exist"
            + " (create it in a .sql seed listed before the CSV file)");
      }
      Map<String, Integer> types = columnTypes(connection, spelled);
      List<String> columns = new ArrayList<>();
      List<Integer> columnTypes = new ArrayList<>();
      for (String name : header.getFields()) {
        String column = find(types, name.strip());
        if (column == null) {
          throw new SourceConfigException("seed file " + shownAs + " line " + header.getStartingLineNumber()
              + ": table " + table + " has no column '" + name.strip() + "' (columns: "
              + String.join(", ", types.keySet()) + ")");
        }
        columns.add(column);
        columnTypes.add(types.get(column));
      }
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(spelled)).append(" (");
      StringBuilder marks = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        marks.append(i == 0 ? "?" : ", ?");
      }
      sql.append(") VALUES (").append(marks).append(')');
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        List<Long> pending = new ArrayList<>();
        while (iterator.hasNext()) {
          CsvRecord record = iterator.next();
          long line = record.getStartingLineNumber();
          if (record.getFieldCount() != columns.size()) {
            throw new SourceConfigException("seed file " + shownAs + " line " + line + " has "
                + record.getFieldCount() + " fields, but the header names " + columns.size());
          }
          for (int i = 0; i < columns.size(); i++) {
            insert.setObject(i + 1, convert(record.getField(i), columnTypes.get(i), shownAs, line, columns.get(i)));
          }
          insert.addBatch();
          pending.add(line);
          if (pending.size() == BATCH) {
            executeBatch(insert, shownAs, pending);
          }
        }
        if (!pending.isEmpty()) {
          executeBatch(insert, shownAs, pending);
        }
      }
    } catch (SQLException e) {
      throw new SourceConfigException("seed file " + shownAs + ": " + h2Message(e));
    } catch (IOException | UncheckedIOException e) {
      throw new SourceConfigException("seed file " + shownAs + " cannot be read: " + e.getMessage());
    } catch (CsvParseException e) {
      throw new SourceConfigException("seed file " + shownAs + " is not valid CSV: " + e.getMessage());
    }
  }

  /** Runs the batched rows; a failure names the line of the first row the database refused. */
  private static void executeBatch(PreparedStatement insert, String shownAs, List<Long> lines) {
    try {
      insert.executeBatch();
      lines.clear();
    } catch (SQLException e) {
      long line = lines.get(0);
      if (e instanceof BatchUpdateException batch) {
        int[] counts = batch.getUpdateCounts();
        for (int i = 0; i < counts.length && i < lines.size(); i++) {
          if (counts[i] == Statement.EXECUTE_FAILED) {
            line = lines.get(i);
            break;
          }
        }
      }
      throw new SourceConfigException("seed file " + shownAs + " line " + line + ": " + h2Message(e));
    }
  }

  /** Column name (as the database spells it) to its JDBC type, in table order. */
  private static Map<String, Integer> columnTypes(Connection connection, String spelled) throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    try (ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(), spelled, null)) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
    }
    return types;
  }

  /** The table as the database spells it: exactly as named, else the unquoted (upper-case) form. */
  private static String tableSpelling(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(null, connection.getSchema(), candidate, null)) {
        if (rs.next()) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static String find(Map<String, Integer> types, String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String column : types.keySet()) {
      if (column.equalsIgnoreCase(name)) {
        return column;
      }
    }
    return null;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** An empty field is NULL; anything else must read as the column's type. The value is never echoed. */
  private static Object convert(String field, int type, String shownAs, long line, String column) {
    if (field.isEmpty()) {
      return null;
    }
    String value = field.strip();
    try {
      return switch (type) {
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Integer.valueOf(value);
        case Types.BIGINT -> Long.valueOf(value);
        case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(value);
        case Types.REAL, Types.FLOAT, Types.DOUBLE -> Double.valueOf(value);
        case Types.BOOLEAN, Types.BIT -> parseBoolean(value);
        case Types.DATE -> LocalDate.parse(value);
        case Types.TIME -> LocalTime.parse(value);
        case Types.TIMESTAMP -> LocalDateTime.parse(value.replace(' ', 'T'));
        case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.parse(value.replace(' ', 'T'));
        default -> field;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new SourceConfigException("seed file " + shownAs + " line " + line + ", column " + column
          + ": the value is not a valid " + typeName(type));
    }
  }

  private static Boolean parseBoolean(String value) {
    if (value.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new NumberFormatException("not a boolean");
  }

  private static String typeName(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> "integer";
      case Types.BIGINT -> "bigint";
      case Types.DECIMAL, Types.NUMERIC -> "decimal";
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> "double";
      case Types.BOOLEAN, Types.BIT -> "boolean (true or false)";
      case Types.DATE -> "date (yyyy-mm-dd)";
      case Types.TIME -> "time (hh:mm:ss)";
      case Types.TIMESTAMP -> "timestamp (yyyy-mm-dd hh:mm:ss)";
      case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamp with time zone";
      default -> "value";
    };
  }
}
