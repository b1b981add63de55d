package dev.meshkit.source.jdbc;

import java.io.Reader;
import org.h2.util.ScriptReader;

/** The statements of an H2 script, one at a time; kept apart so that only seeding needs H2 on the classpath. */
final class H2Statements {

  private final ScriptReader reader;

  H2Statements(Reader script) {
    this.reader = new ScriptReader(script);
  }

  /** The next statement's text (with any comments before it), or null at the end. */
  String next() {
    return reader.readStatement();
  }

  void close() {
    reader.close();
  }
}
