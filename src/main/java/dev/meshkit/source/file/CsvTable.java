package dev.meshkit.source.file;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A CSV file whose first record names the columns (RFC 4180 quoting, read by FastCSV). */
final class CsvTable extends FileTable {

  /**
   * How the files are written.
   *
   * @param nullValue a cell equal to it is NULL in any column; blank cells are also NULL in every
   *     column but VARCHAR
   */
  record Format(char delimiter, Charset charset, String nullValue) {}

  private final Format format;

  private CsvTable(Path file, String label, List<Column> columns, double rowCount, Format format) {
    super(file, label, columns, rowCount);
    this.format = format;
  }

  /**
   * Reads the header and a sample to type the columns; null for an empty file, which has no header.
   *
   * @param declared column name to declared type; a name not in the header is an error
   */
  static CsvTable sample(Path file, String label, String table, Format format,
      Map<String, ColumnType> declared) throws IOException {
    try (CsvReader<CsvRecord> reader = reader(file, format)) {
      CloseableIterator<CsvRecord> records = reader.iterator();
      if (!records.hasNext()) {
        return null;
      }
      Sample sample = new Sample();
      int width = header(records.next(), sample, file, label);
      long chars = 0;
      while (!sample.isFull() && records.hasNext()) {
        CsvRecord record = records.next();
        for (int i = 0; i < width; i++) {
          String cell = record.getField(i);
          chars += cell.length() + 1;
          if (!cell.equals(format.nullValue())) {
            sample.inference(i).acceptText(cell);
          }
        }
        sample.addRow();
      }
      // A file that fit in the sample was counted; otherwise extrapolate from its line length.
      double rowCount = records.hasNext()
          ? Files.size(file) * sample.rows() / (double) chars : sample.rows();
      return new CsvTable(file, label, sample.columns(declared, label, table, file), rowCount,
          format);
    } catch (CsvParseException e) {
      throw new FileDataException(label + ": file " + file + " is not valid CSV: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Adds the header's columns to the sample and returns their number. */
  private static int header(CsvRecord record, Sample sample, Path file, String label) {
    int width = record.getFieldCount();
    for (int i = 0; i < width; i++) {
      // Unnamed columns (as in pandas' index column) are named after their 1-based position.
      String field = record.getField(i).strip();
      String name = field.isEmpty() ? "column" + (i + 1) : field;
      if (sample.column(name) != i) {
        throw new FileDataException(label + ": file " + file + " names column '" + name
            + "' twice in its header");
      }
    }
    return width;
  }

  private static CsvReader<CsvRecord> reader(Path file, Format format) throws IOException {
    // Records with a different field count than the header are errors rather than guesses.
    return CsvReader.builder()
        .fieldSeparator(format.delimiter())
        .detectBomHeader(true)
        .ignoreDifferentFieldCount(false)
        .ofCsvRecord(file, format.charset());
  }

  @Override
  RowReader open(boolean[] needed) throws IOException {
    CsvReader<CsvRecord> reader = reader(file, format);
    CloseableIterator<CsvRecord> records = reader.iterator();
    return new RowReader() {
      private boolean headerSkipped;

      @Override
      public boolean next(Object[] row) throws IOException {
        CsvRecord record;
        try {
          if (!headerSkipped) {
            headerSkipped = true;
            if (records.hasNext()) {
              records.next();
            }
          }
          if (!records.hasNext()) {
            return false;
          }
          record = records.next();
        } catch (CsvParseException e) {
          throw new FileDataException(label + ": file " + file + " is not valid CSV: "
              + e.getMessage());
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        for (int i = 0; i < needed.length; i++) {
          if (needed[i]) {
            String cell = record.getField(i);
            try {
              row[i] = cell.equals(format.nullValue()) ? null : columns.get(i).type().convert(cell);
            } catch (IllegalArgumentException e) {
              throw badValue(record.getStartingLineNumber(), i, e.getMessage());
            }
          }
        }
        return true;
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
