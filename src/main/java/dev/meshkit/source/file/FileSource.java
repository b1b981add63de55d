package dev.meshkit.source.file;

import dev.meshkit.model.SourceModel;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceSettings;
import dev.meshkit.source.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A folder of files of one format, each file directly in it a table named after the file. */
final class FileSource implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

  /** Reads a file's header or sample into a table; null when the file has no columns. */
  interface TableReader {
    FileTable read(Path file, String label, String table, Map<String, ColumnType> declared)
        throws IOException;
  }

  private final String extension;
  private final String label;
  private final Path folder;
  private final Map<String, Map<String, ColumnType>> declared;
  private final TableReader reader;
  private Map<String, Table> tables;

  /**
   * @param extension the file name ending that makes a table, with its dot (".csv")
   * @param declared table name to column name to declared type
   */
  FileSource(String extension, String label, Path folder,
      Map<String, Map<String, ColumnType>> declared, TableReader reader) {
    this.extension = extension;
    this.label = label;
    this.folder = folder;
    this.declared = declared;
    this.reader = reader;
  }

  /** Names a source in messages: "csv source 'sales' of domain 'shop'". */
  static String label(SourceModel model, SourceContext context) {
    return model.type() + " source '" + model.name() + "' of domain '" + context.domain() + "'";
  }

  /** The folder setting, resolved against the descriptor's folder. */
  static Path folder(SourceSettings settings, SourceContext context) {
    return context.resolve(settings.requiredString("path"));
  }

  /**
   * Reads the {@code columns} setting: table name to a map of column name to type name.
   *
   * @throws SourceConfigException for a malformed map or an unknown type name
   */
  static Map<String, Map<String, ColumnType>> declaredTypes(SourceSettings settings) {
    Map<String, Map<String, ColumnType>> result = new LinkedHashMap<>();
    settings.map("columns").forEach((table, columns) -> {
      if (!(columns instanceof Map<?, ?> map)) {
        throw new SourceConfigException("setting 'columns' must map table '" + table
            + "' to a map of column names to types");
      }
      Map<String, ColumnType> types = new LinkedHashMap<>();
      map.forEach((column, type) -> {
        try {
          types.put(String.valueOf(column), ColumnType.declared(String.valueOf(type)));
        } catch (IllegalArgumentException e) {
          throw new SourceConfigException("setting 'columns', table '" + table + "', column '"
              + column + "': " + e.getMessage());
        }
      });
      result.put(table, Collections.unmodifiableMap(types));
    });
    return Collections.unmodifiableMap(result);
  }

  @Override
  public synchronized Map<String, Table> tables() {
    if (tables == null) {
      tables = discover();
    }
    return tables;
  }

  private Map<String, Table> discover() {
    List<Path> files = list();
    Map<String, Path> byName = new LinkedHashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      byName.put(name.substring(0, name.length() - extension.length()), file);
    }
    for (String table : declared.keySet()) {
      if (!byName.containsKey(table)) {
        throw new SourceConfigException(label + ": setting 'columns' declares table '" + table
            + "', but folder " + folder + " has no file " + table + extension);
      }
    }
    Map<String, Table> result = new LinkedHashMap<>();
    byName.forEach((table, file) -> {
      FileTable t = read(table, file);
      if (t == null) {
        LOG.warn("{}: file {} is empty and makes no table", label, file);
      } else {
        result.put(table, t);
      }
    });
    return Collections.unmodifiableMap(result);
  }

  /** The regular files directly in the folder with the extension, sorted by name. */
  private List<Path> list() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + extension)) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    } catch (NoSuchFileException e) {
      throw new SourceUnavailableException(label + ": folder " + folder + " does not exist", e);
    } catch (IOException e) {
      throw new SourceUnavailableException(label + ": cannot read folder " + folder,
          e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  private FileTable read(String table, Path file) {
    try {
      return reader.read(file, label, table, declared.getOrDefault(table, Map.of()));
    } catch (IOException e) {
      throw new SourceUnavailableException(label + ": cannot read file " + file,
          e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } catch (FileDataException e) {
      throw new SourceUnavailableException(e.getMessage(), e);
    }
  }

  /** Nothing to release: every scan closes its own file. */
  @Override
  public void close() {
  }
}
