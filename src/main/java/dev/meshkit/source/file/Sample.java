package dev.meshkit.source.file;

import dev.meshkit.source.SourceConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first rows of a file: its columns in first-seen order and what their values look like. */
final class Sample {

  /** Rows read to infer types and estimate the row count. */
  static final int ROWS = 1000;

  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final List<TypeInference> inferences = new ArrayList<>();
  private int rows;

  /** The position of a column, added on first sight. */
  int column(String name) {
    return index.computeIfAbsent(name, n -> {
      inferences.add(new TypeInference());
      return inferences.size() - 1;
    });
  }

  TypeInference inference(int column) {
    return inferences.get(column);
  }

  void addRow() {
    rows++;
  }

  int rows() {
    return rows;
  }

  boolean isFull() {
    return rows == ROWS;
  }

  /**
   * The columns with their inferred types, replaced by the declared ones.
   *
   * @throws SourceConfigException when a declared column is not in the file
   */
  List<FileTable.Column> columns(Map<String, ColumnType> declared, String label, String table,
      Path file) {
    for (String name : declared.keySet()) {
      if (!index.containsKey(name)) {
        throw new SourceConfigException(label + ": setting 'columns' declares column '" + name
            + "' of table '" + table + "', but file " + file + " has only the columns "
            + String.join(", ", index.keySet()));
      }
    }
    List<FileTable.Column> columns = new ArrayList<>();
    index.forEach((name, i) -> {
      TypeInference inference = inferences.get(i);
      ColumnType type = declared.get(name);
      if (type == null) {
        type = inference.result();
      } else if (type.kind() == ColumnType.Kind.DECIMAL && type.precision() == 0) {
        type = inference.decimal();
      }
      columns.add(new FileTable.Column(name, type));
    });
    return columns;
  }
}
