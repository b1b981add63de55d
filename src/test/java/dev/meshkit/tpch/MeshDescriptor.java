package dev.meshkit.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Writes {@code mesh.yaml} for generated TPC-H data: three domains, one product per table, and a
 * principal {@code bench} granted every product (so the benchmark measures queries, not denials).
 */
final class MeshDescriptor {

  private static final Map<String, String> DOMAIN_DESCRIPTIONS = Map.of(
      "sales", "Customers, orders and line items",
      "supply", "Parts, suppliers and what they supply",
      "reference", "Nations and regions");

  private MeshDescriptor() {
  }

  static void write(TpchData data) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: tpch\n");
    yaml.append("domains:\n");
    for (String domain : new String[] {"sales", "supply", "reference"}) {
      yaml.append("  - name: ").append(domain).append('\n');
      yaml.append("    owner: ").append(domain).append("@tpch.example\n");
      yaml.append("    description: ").append(quote(DOMAIN_DESCRIPTIONS.get(domain))).append('\n');
      yaml.append("    sources:\n");
      String source = domain.equals("reference") ? "files" : "db";
      if (domain.equals("reference")) {
        yaml.append("      - {name: files, type: csv, path: ./reference}\n");
      } else {
        yaml.append("      - {name: db, type: jdbc, url: ").append(quote(data.h2Url(domain)))
            .append(", user: sa, password: \"\"}\n");
      }
      yaml.append("    products:\n");
      for (TpchSchema table : TpchSchema.values()) {
        if (table.domain().equals(domain)) {
          yaml.append("      - {name: ").append(table.tableName())
              .append(", description: ").append(quote(table.description()))
              .append(", sql: ").append(quote("SELECT * FROM " + source + "." + table.tableName()))
              .append("}\n");
        }
      }
    }
    yaml.append("principals:\n");
    yaml.append("  - {name: bench, roles: [analyst]}\n");
    yaml.append("policies:\n");
    // explain: true, so EXPLAIN plans (and times) the whole statement, sources included.
    yaml.append("  - {name: bench-reads-all, grant: {products: [\"*\"], roles: [analyst], explain: true}}\n");
    Files.writeString(data.descriptor(), yaml);
  }

  /** A YAML double-quoted scalar. */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
