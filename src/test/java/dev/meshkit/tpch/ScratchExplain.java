package dev.meshkit.tpch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

public class ScratchExplain {
  public static void main(String[] args) throws Exception {
    double scale = Double.parseDouble(args[0]);
    TpchData data = TpchData.generate(TpchData.defaultDir(scale), scale);
    TpchLayout layout = TpchLayout.valueOf(args[1].toUpperCase());
    try (Connection c = TpchMesh.connect(data.descriptor(layout)); Statement s = c.createStatement()) {
      for (int i = 2; i < args.length; i++) {
        int q = Integer.parseInt(args[i]);
        String sql = TpchQueries.get(q).forMesh();
        try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
          while (rs.next()) System.out.println(rs.getString(1));
        }
        for (int k = 0; k < 3; k++) {
          long t = System.nanoTime(); int n = 0;
          try (ResultSet rs = s.executeQuery(sql)) { while (rs.next()) n++; }
          System.out.printf("q%d run %d: %d rows %.1f ms%n", q, k, n, (System.nanoTime() - t) / 1e6);
        }
      }
    }
  }
}
