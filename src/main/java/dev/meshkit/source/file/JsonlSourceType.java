package dev.meshkit.source.file;

import dev.meshkit.model.SourceModel;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceSettings;
import dev.meshkit.source.SourceType;
import java.util.Set;

/**
 * Source type {@code jsonl}: every {@code *.jsonl} file directly in a folder is a table named after
 * the file, with one UTF-8 JSON object per line. The keys of a sample of lines are the columns, and
 * their values type them: JSON numbers and booleans as such, strings as DATE or TIMESTAMP when they
 * all look like one and VARCHAR otherwise (a quoted number stays text), nested objects and arrays as
 * VARCHAR holding their JSON.
 *
 * <p>Settings: {@code path} (the folder, required) and {@code columns} (table to column to type,
 * overriding inference).
 */
public final class JsonlSourceType implements SourceType {

  private static final Set<String> SETTINGS = Set.of("path", "columns");

  public JsonlSourceType() {
  }

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public Set<String> settingNames() {
    return SETTINGS;
  }

  @Override
  public Source open(SourceModel model, SourceContext context) {
    SourceSettings settings = new SourceSettings(name(), model.settings());
    settings.requireOnly(SETTINGS);
    return new FileSource(".jsonl", FileSource.label(model, context),
        FileSource.folder(settings, context), FileSource.declaredTypes(settings),
        JsonlTable::sample);
  }
}
