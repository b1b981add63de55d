package dev.meshkit.source.jdbc;

import dev.meshkit.model.SourceModel;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceSettings;
import dev.meshkit.source.SourceType;
import java.util.Set;

/** {@code type: jdbc}: any database with a JDBC driver on the classpath, pooled with HikariCP. */
public final class JdbcSourceType implements SourceType {

  static final Set<String> SETTINGS =
      Set.of("url", "user", "password", "driver", "catalog", "schema", "pool", "properties", "fetchSize", "seed");

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Set<String> settingNames() {
    return SETTINGS;
  }

  @Override
  public Source open(SourceModel model, SourceContext context) {
    SourceSettings settings = new SourceSettings(name(), model.settings());
    settings.requireOnly(SETTINGS);
    return new JdbcSource(model.name(), context, JdbcSourceConfig.from(model.name(), context, settings));
  }
}
