package dev.meshkit.source.file;

import dev.meshkit.model.SourceModel;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceSettings;
import dev.meshkit.source.SourceType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import java.util.Set;

/**
 * Source type {@code csv}: every {@code *.csv} file directly in a folder is a table named after
 * the file; the header row names the columns and a sample of rows types them.
 *
 * <p>Settings: {@code path} (the folder, required), {@code columns} (table to column to type,
 * overriding inference), {@code delimiter} (one character, default {@code ,}), {@code charset}
 * (default UTF-8) and {@code nullValue} (default empty). A cell equal to {@code nullValue} is NULL in
 * any column; a blank cell is also NULL in any column but VARCHAR, since it cannot be a number or
 * date. So by default an empty cell is NULL everywhere; with {@code nullValue: NA} an empty VARCHAR
 * cell is the empty string.
 */
public final class CsvSourceType implements SourceType {

  private static final Set<String> SETTINGS =
      Set.of("path", "columns", "delimiter", "charset", "nullValue");

  public CsvSourceType() {
  }

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public Set<String> settingNames() {
    return SETTINGS;
  }

  @Override
  public Source open(SourceModel model, SourceContext context) {
    SourceSettings settings = new SourceSettings(name(), model.settings());
    settings.requireOnly(SETTINGS);
    String delimiter = settings.string("delimiter", ",");
    if (delimiter.length() != 1) {
      throw new SourceConfigException("setting 'delimiter' must be a single character, not '"
          + delimiter + "'");
    }
    CsvTable.Format format = new CsvTable.Format(delimiter.charAt(0),
        charset(settings.string("charset", "UTF-8")), settings.string("nullValue", ""));
    Map<String, Map<String, ColumnType>> declared = FileSource.declaredTypes(settings);
    return new FileSource(".csv", FileSource.label(model, context),
        FileSource.folder(settings, context), declared,
        (file, label, table, types) -> CsvTable.sample(file, label, table, format, types));
  }

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new SourceConfigException("setting 'charset': unknown character set '" + name + "'");
    }
  }
}
