package dev.meshkit.source.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON lines file: one object per line, blank lines skipped. The columns are the keys seen in
 * the sample, in first-seen order; keys that first appear later are ignored, missing keys are NULL.
 * Nested objects and arrays are VARCHAR columns holding their JSON text.
 */
final class JsonlTable extends FileTable {

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Integer> positions = new HashMap<>();

  private JsonlTable(Path file, String label, List<Column> columns, double rowCount) {
    super(file, label, columns, rowCount);
    for (int i = 0; i < columns.size(); i++) {
      positions.put(columns.get(i).name(), i);
    }
  }

  /**
   * Reads a sample to find and type the columns; null for a file without any object.
   *
   * @param declared column name to declared type; a name not in the sample is an error
   */
  static JsonlTable sample(Path file, String label, String table, Map<String, ColumnType> declared)
      throws IOException {
    try (Lines lines = new Lines(file, label)) {
      Sample sample = new Sample();
      long chars = 0;
      String line;
      while (!sample.isFull() && (line = lines.next()) != null) {
        chars += line.length() + 1;
        try (JsonParser parser = lines.object(line)) {
          for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT;
              token = parser.nextToken()) {
            TypeInference inference = sample.inference(sample.column(parser.currentName()));
            switch (parser.nextToken()) {
              case VALUE_NULL -> { }
              case VALUE_STRING -> inference.acceptJsonString(parser.getText());
              case START_OBJECT, START_ARRAY -> {
                inference.acceptStructure();
                parser.skipChildren();
              }
              default -> inference.acceptText(parser.getText());
            }
          }
        } catch (JsonProcessingException e) {
          throw lines.malformed(e);
        }
        sample.addRow();
      }
      if (sample.rows() == 0) {
        return null;
      }
      double rowCount = lines.next() == null
          ? sample.rows() : Files.size(file) * sample.rows() / (double) chars;
      return new JsonlTable(file, label, sample.columns(declared, label, table, file), rowCount);
    }
  }

  @Override
  RowReader open(boolean[] needed) throws IOException {
    Lines lines = new Lines(file, label);
    return new RowReader() {
      @Override
      public boolean next(Object[] row) throws IOException {
        String line = lines.next();
        if (line == null) {
          return false;
        }
        for (int i = 0; i < needed.length; i++) {
          row[i] = null;
        }
        try (JsonParser parser = lines.object(line)) {
          for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT;
              token = parser.nextToken()) {
            Integer i = positions.get(parser.currentName());
            parser.nextToken();
            if (i == null || !needed[i]) {
              parser.skipChildren();
            } else {
              row[i] = value(parser, i, lines.number());
            }
          }
        } catch (JsonProcessingException e) {
          throw lines.malformed(e);
        }
        return true;
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }

  private Object value(JsonParser parser, int column, long line) throws IOException {
    ColumnType type = columns.get(column).type();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      if (type.kind() != ColumnType.Kind.VARCHAR) {
        throw badValue(line, column, "a JSON object or array is not a valid " + type);
      }
      StringWriter json = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(json)) {
        generator.copyCurrentStructure(parser);
      }
      return json.toString();
    }
    try {
      return type.convert(parser.getText());
    } catch (IllegalArgumentException e) {
      throw badValue(line, column, e.getMessage());
    }
  }

  /** The non-blank lines of a file with their line numbers. */
  private static final class Lines implements AutoCloseable {

    private final Path file;
    private final String label;
    private final BufferedReader reader;
    private long number;

    Lines(Path file, String label) throws IOException {
      this.file = file;
      this.label = label;
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** The next non-blank line, or null at the end. */
    String next() throws IOException {
      String line;
      do {
        try {
          line = reader.readLine();
        } catch (CharacterCodingException e) {
          throw new FileDataException(label + ": file " + file + ", line " + (number + 1)
              + ": not valid UTF-8");
        }
        if (line == null) {
          return null;
        }
        number++;
      } while (line.isBlank());
      return line;
    }

    long number() {
      return number;
    }

    /** A parser positioned on the start of the line's object. */
    JsonParser object(String line) throws IOException {
      JsonParser parser = JSON.createParser(line);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.close();
        throw new FileDataException(label + ": file " + file + ", line " + number
            + ": not a JSON object");
      }
      return parser;
    }

    /** Jackson's message quotes the offending text, so only its position is kept. */
    FileDataException malformed(JsonProcessingException e) {
      long column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      return new FileDataException(label + ": file " + file + ", line " + number
          + ": not valid JSON near character " + column);
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
