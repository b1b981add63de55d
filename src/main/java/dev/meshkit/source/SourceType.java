package dev.meshkit.source;

import dev.meshkit.model.SourceModel;
import java.util.Set;

/**
 * A kind of source ({@code jdbc}, {@code csv}, {@code jsonl}, ...). Built-in types are always
 * present; more can be added through {@link java.util.ServiceLoader}.
 */
public interface SourceType {

  /** The value of {@code type:} in the descriptor. */
  String name();

  /** The settings this type accepts besides {@code name} and {@code type}; others are load errors. */
  Set<String> settingNames();

  /**
   * Opens a source. Must not contact the source: reachability is found out by {@link Source#tables()}.
   *
   * @throws SourceConfigException when the settings are wrong (missing, ill-typed, contradictory)
   */
  Source open(SourceModel model, SourceContext context);
}
