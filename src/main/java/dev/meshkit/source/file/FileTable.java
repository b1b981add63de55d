package dev.meshkit.source.file;

import dev.meshkit.source.RunningQuery;
import dev.meshkit.source.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table read from one file. Scans stream the file, convert only the columns the query needs,
 * and evaluate the filters they can themselves ({@link ScanFilter}) before Calcite sees a row.
 */
abstract class FileTable extends AbstractTable implements ProjectableFilterableTable {

  record Column(String name, ColumnType type) {}

  /** Reads a file's records one at a time. */
  interface RowReader extends AutoCloseable {

    /**
     * Fills {@code row} at the needed positions with internal values; false at the end.
     *
     * @throws FileDataException when a record or value cannot be read
     */
    boolean next(Object[] row) throws IOException;

    @Override
    void close() throws IOException;
  }

  final Path file;
  /** Names the source in messages, e.g. "csv source 'sales' of domain 'shop'". */
  final String label;
  final List<Column> columns;
  private final double rowCount;

  // Instrumentation for tests: readers not yet closed, and rows read vs rows past the scan filter.
  final AtomicInteger openReaders = new AtomicInteger();
  final AtomicLong rowsRead = new AtomicLong();
  final AtomicLong rowsMatched = new AtomicLong();

  FileTable(Path file, String label, List<Column> columns, double rowCount) {
    this.file = file;
    this.label = label;
    this.columns = List.copyOf(columns);
    this.rowCount = rowCount;
  }

  /** Opens the file for one scan; {@code needed[i]} says whether column i must be converted. */
  abstract RowReader open(boolean[] needed) throws IOException;

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column c : columns) {
      builder.add(c.name(), c.type().relType(typeFactory));
    }
    return builder.build();
  }

  /** A row count estimated from the sample, so that planners can order joins. */
  @Override
  public Statistic getStatistic() {
    return Statistics.of(rowCount, List.of());
  }

  @Override
  public Enumerable<@Nullable Object[]> scan(DataContext root, List<RexNode> filters,
      int @Nullable [] projects) {
    List<ColumnType> types = new ArrayList<>(columns.size());
    columns.forEach(c -> types.add(c.type()));
    ScanFilter filter = ScanFilter.take(filters, types, new RexBuilder(root.getTypeFactory()));
    int[] projection = projects == null ? null : projects.clone();
    boolean[] needed = new boolean[columns.size()];
    if (projection == null) {
      Arrays.fill(needed, true);
    } else {
      for (int p : projection) {
        needed[p] = true;
      }
    }
    BitSet filterColumns = filter.columns();
    filterColumns.stream().forEach(i -> needed[i] = true);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<@Nullable Object[]> enumerator() {
        RunningQuery query = RunningQuery.current();
        if (query != null) {
          query.check();
        }
        Scan scan = new Scan(openReader(needed), filter, projection, query);
        if (query != null) {
          query.started(scan);
        }
        return scan;
      }
    };
  }

  private RowReader openReader(boolean[] needed) {
    try {
      RowReader reader = open(needed);
      openReaders.incrementAndGet();
      return reader;
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  SourceUnavailableException unavailable(IOException e) {
    return new SourceUnavailableException(label + ": cannot read file " + file,
        e.getClass().getSimpleName() + ": " + e.getMessage(), e);
  }

  FileDataException badValue(long line, int column, String problem) {
    return new FileDataException(label + ": file " + file + ", line " + line + ", column '"
        + columns.get(column).name() + "': " + problem);
  }

  /**
   * One pass over the file; closing it, even halfway, closes the file. It checks its query on every
   * record read, so a stopped query stops even while the filter rejects record after record, and the
   * query closes it when it ends, however it ended.
   */
  private final class Scan implements Enumerator<@Nullable Object[]>, RunningQuery.Work {

    private final RowReader reader;
    private final ScanFilter filter;
    private final int[] projection;
    /** The query the scan reads for; null outside any. */
    private final RunningQuery query;
    private Object[] current;
    private volatile boolean closed;
    private long read;
    private long matched;

    Scan(RowReader reader, ScanFilter filter, int[] projection, RunningQuery query) {
      this.reader = reader;
      this.filter = filter;
      this.projection = projection;
      this.query = query;
    }

    @Override
    public void cancel() {
      // The next record read checks the query.
    }

    @Override
    public void release() {
      close();
    }

    @Override
    public boolean ended() {
      return closed;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (closed) {
        return false;
      }
      // Calcite may keep the rows it receives, so each emitted row gets its own array.
      Object[] row = new Object[columns.size()];
      try {
        while (reader.next(row)) {
          read++;
          if (query != null) {
            query.check();
          }
          if (filter.test(row)) {
            matched++;
            current = project(row);
            return true;
          }
        }
      } catch (IOException e) {
        close();
        throw unavailable(e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      close();
      return false;
    }

    private Object[] project(Object[] row) {
      if (projection == null) {
        return row;
      }
      Object[] out = new Object[projection.length];
      for (int i = 0; i < projection.length; i++) {
        out[i] = row[projection[i]];
      }
      return out;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a file scan cannot be reset");
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      openReaders.decrementAndGet();
      rowsRead.addAndGet(read);
      rowsMatched.addAndGet(matched);
      try {
        reader.close();
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
  }
}
