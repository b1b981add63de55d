package dev.meshkit.source.file;

import dev.meshkit.model.Location;
import dev.meshkit.model.SourceModel;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** Opens file sources and queries them through a real Calcite JDBC connection. */
final class FileSourceTesting {

  private FileSourceTesting() {
  }

  static Source open(SourceType type, Path baseDir, Map<String, Object> settings) {
    SourceContext context =
        new SourceContext("shop", baseDir, Expressions.constant(null, Object.class));
    return type.open(new SourceModel("sales", type.name(), settings, Location.CODE), context);
  }

  static Map<String, Object> settings(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static void write(Path file, String... lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A connection whose schema "files" holds the source's tables. */
  static Connection connect(Source source) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:calcite:caseSensitive=false;"
        + "unquotedCasing=UNCHANGED;quotedCasing=UNCHANGED;quoting=DOUBLE_QUOTE");
    connection.unwrap(CalciteConnection.class).getRootSchema().add("files", new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return source.tables();
      }
    });
    return connection;
  }

  /** Every row as a list of getObject values. */
  static List<List<Object>> query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The messages of an exception and all its causes, for checks on what they reveal. */
  static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
