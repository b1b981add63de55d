package dev.meshkit.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the descriptors of generated TPC-H data ({@code mesh.yaml} for the three-source layout,
 * {@code mesh-four.yaml} for the four-source one): three domains, one product per table, and a
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
      appendDomain(yaml, data, domain);
    }
    appendGrants(yaml);
    Files.writeString(data.descriptor(), yaml);
  }

  /** A domain whose tables live in one H2 database named after it, or for reference, in CSV files. */
  private static void appendDomain(StringBuilder yaml, TpchData data, String domain) {
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

  private static void appendGrants(StringBuilder yaml) {
    yaml.append("principals:\n");
    yaml.append("  - {name: bench, roles: [analyst]}\n");
    yaml.append("policies:\n");
    // explain: true, so EXPLAIN plans (and times) the whole statement, sources included.
    yaml.append("  - {name: bench-reads-all, grant: {products: [\"*\"], roles: [analyst], explain: true}}\n");
  }

  /**
   * Writes {@code mesh-four.yaml}: the same domains and products, but {@code sales} reads customer and
   * orders from PostgreSQL and lineitem from MariaDB (schema and database {@code schema}).
   */
  static void writeFour(TpchData data, String schema) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: tpch\n");
    yaml.append("domains:\n");
    yaml.append("  - name: sales\n");
    yaml.append("    owner: sales@tpch.example\n");
    yaml.append("    description: ").append(quote(DOMAIN_DESCRIPTIONS.get("sales"))).append('\n');
    yaml.append("    sources:\n");
    yaml.append("      - {name: pg, type: jdbc, url: ").append(quote(TpchServers.PG_URL))
        .append(", user: ").append(TpchServers.PG_USER).append(", password: \"\", schema: ").append(schema)
        .append("}\n");
    yaml.append("      - {name: maria, type: jdbc, url: ").append(quote(TpchServers.MARIADB_URL + schema))
        .append(", user: ").append(TpchServers.MARIADB_USER).append(", password: \"\", catalog: ").append(schema)
        .append("}\n");
    yaml.append("    products:\n");
    for (TpchSchema table : TpchSchema.values()) {
      if (table.domain().equals("sales")) {
        String source = TpchServers.POSTGRES_TABLES.contains(table) ? "pg" : "maria";
        yaml.append("      - {name: ").append(table.tableName())
            .append(", description: ").append(quote(table.description()))
            .append(", sql: ").append(quote("SELECT * FROM " + source + "." + table.tableName()))
            .append("}\n");
      }
    }
    appendDomain(yaml, data, "supply");
    appendDomain(yaml, data, "reference");
    appendGrants(yaml);
    Files.writeString(data.descriptor(TpchLayout.FOUR), yaml);
  }

  /**
   * Writes {@code mesh-trino.yaml}: the same domains and products with every table on a server,
   * each domain reading from a PostgreSQL source {@code pg}, a MariaDB source {@code maria} or both
   * (schema and database {@code schema}), whichever holds its tables.
   *
   * @return the descriptor
   */
  static Path writeAllOnServers(TpchData data, String schema, java.util.List<TpchSchema> onPostgres)
      throws IOException {
    StringBuilder yaml = new StringBuilder("name: tpch\ndomains:\n");
    for (String domain : new String[] {"sales", "supply", "reference"}) {
      yaml.append("  - name: ").append(domain).append('\n');
      yaml.append("    owner: ").append(domain).append("@tpch.example\n");
      yaml.append("    description: ").append(quote(DOMAIN_DESCRIPTIONS.get(domain))).append('\n');
      yaml.append("    sources:\n");
      java.util.List<TpchSchema> tables = java.util.Arrays.stream(TpchSchema.values())
          .filter(t -> t.domain().equals(domain)).toList();
      if (tables.stream().anyMatch(onPostgres::contains)) {
        yaml.append("      - {name: pg, type: jdbc, url: ").append(quote(TpchServers.PG_URL))
            .append(", user: ").append(TpchServers.PG_USER).append(", password: \"\", schema: ").append(schema)
            .append("}\n");
      }
      if (!onPostgres.containsAll(tables)) {
        yaml.append("      - {name: maria, type: jdbc, url: ").append(quote(TpchServers.MARIADB_URL + schema))
            .append(", user: ").append(TpchServers.MARIADB_USER).append(", password: \"\", catalog: ")
            .append(schema).append("}\n");
      }
      yaml.append("    products:\n");
      for (TpchSchema table : TpchSchema.values()) {
        if (table.domain().equals(domain)) {
          String source = onPostgres.contains(table) ? "pg" : "maria";
          yaml.append("      - {name: ").append(table.tableName())
              .append(", description: ").append(quote(table.description()))
              .append(", sql: ").append(quote("SELECT * FROM " + source + "." + table.tableName()))
              .append("}\n");
        }
      }
    }
    appendGrants(yaml);
    Path descriptor = data.dir().resolve("mesh-trino.yaml");
    Files.writeString(descriptor, yaml);
    return descriptor;
  }

  /** A YAML double-quoted scalar. */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
