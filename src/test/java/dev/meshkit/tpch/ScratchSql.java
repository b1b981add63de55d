package dev.meshkit.tpch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

public class ScratchSql {
  public static void main(String[] args) throws Exception {
    double scale = Double.parseDouble(args[0]);
    TpchData data = TpchData.generate(TpchData.defaultDir(scale), scale);
    TpchLayout layout = TpchLayout.valueOf(args[1].toUpperCase());
    try (Connection c = TpchMesh.connect(data.descriptor(layout)); Statement s = c.createStatement()) {
      for (String sql : Files.readString(Path.of(args[2])).split(";\\s*\n")) {
        if (sql.isBlank()) continue;
        for (int k = 0; k < 3; k++) {
          long t = System.nanoTime(); int n = 0;
          try (ResultSet rs = s.executeQuery(sql)) { while (rs.next()) n++; }
          System.out.printf("%s run %d: %d rows %.1f ms%n", sql.substring(0, Math.min(60, sql.length())).replace('\n', ' '), k, n, (System.nanoTime() - t) / 1e6);
        }
      }
    }
  }
}
