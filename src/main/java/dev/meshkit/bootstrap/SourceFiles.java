package dev.meshkit.bootstrap;

import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.SourceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The files a source's settings name, such as a seed script: a change to one changes the source as
 * a change of its settings would, and the watcher follows them. A setting names a file when its
 * value (or a value of its list) is a path, relative to the descriptor's folder, of a file that exists.
 */
final class SourceFiles {

  /** Larger files are told apart by size and time of change. */
  private static final long HASHED_BYTES = 16 << 20;

  private SourceFiles() {
  }

  /** Every file a source of the mesh names. */
  static Set<Path> named(MeshModel model) {
    Set<Path> files = new LinkedHashSet<>();
    for (DomainModel domain : model.domains()) {
      for (SourceModel source : domain.sources()) {
        files.addAll(files(model.baseDir(), source));
      }
    }
    return files;
  }

  /** For each source ({@code domain.source}) that names files, a checksum of their contents. */
  static Map<String, Long> checksums(MeshModel model) {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (DomainModel domain : model.domains()) {
      for (SourceModel source : domain.sources()) {
        List<Path> files = files(model.baseDir(), source);
        if (!files.isEmpty()) {
          long sum = 17;
          for (Path file : files) {
            sum = sum * 31 + checksum(file);
          }
          sums.put(domain.name() + "." + source.name(), sum);
        }
      }
    }
    return sums;
  }

  /** The sources named in both whose files' contents differ. */
  static Set<String> changed(Map<String, Long> before, Map<String, Long> after) {
    Set<String> changed = new LinkedHashSet<>();
    after.forEach((source, sum) -> {
      Long was = before.get(source);
      if (was != null && !was.equals(sum)) {
        changed.add(source);
      }
    });
    return changed;
  }

  static long checksum(Path file) {
    try {
      long size = Files.size(file);
      if (size > HASHED_BYTES) {
        return size * 31 + Files.getLastModifiedTime(file).toMillis();
      }
      CRC32 crc = new CRC32();
      crc.update(Files.readAllBytes(file));
      return crc.getValue() ^ (size << 32);
    } catch (IOException e) {
      return -1;
    }
  }

  private static List<Path> files(Path baseDir, SourceModel source) {
    List<Path> files = new ArrayList<>();
    for (Object value : source.settings().values()) {
      if (value instanceof List<?> list) {
        list.forEach(item -> add(files, baseDir, item));
      } else {
        add(files, baseDir, value);
      }
    }
    return files;
  }

  private static void add(List<Path> files, Path baseDir, Object value) {
    if (!(value instanceof String text) || text.contains("://") || text.isBlank() || text.length() > 1_000) {
      return;
    }
    try {
      Path file = baseDir.resolve(text).toAbsolutePath().normalize();
      if (Files.isRegularFile(file)) {
        files.add(file);
      }
    } catch (RuntimeException e) {
      // not a path: a user name, say
    }
  }
}
