package dev.meshkit.it.web;

import dev.meshkit.PasswordHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A large mesh for the page-load benchmark: ten domains, half over an in-memory H2 database
 * seeded from a script and half over a folder of CSV files, with {@code products} products
 * spread over them. Each product has a description (purpose, usage, limitations), tags, five
 * described and classified columns and a quality check; every fifth product is built on two
 * products of other domains, and every tenth on one of those, so the lineage goes two levels
 * deep. Every 25th product is deprecated in favour of its neighbour. Names and words repeat in a
 * fixed pattern, so a search finds a predictable share of the products.
 */
final class GeneratedMesh {

  static final String USER = "ann";
  static final String PASSWORD = "ann-bench";
  static final List<String> DOMAINS = List.of("finance", "sales", "marketing", "logistics", "people", "support",
      "product", "risk", "supply", "web");
  static final List<String> SUBJECTS = List.of("orders", "invoices", "customers", "shipments", "campaigns", "tickets",
      "payments", "returns", "leads", "contracts", "forecasts", "inventory", "sessions");
  static final List<String> TAGS = List.of("finance", "pii", "gold", "daily", "kpi", "reference", "raw", "curated");
  static final List<String> REGIONS = List.of("EU", "US", "APAC", "LATAM");
  private static final int ROWS = 20;

  private GeneratedMesh() {
  }

  /** The name of product {@code k} (0-based) of its domain: a subject and its number, such as {@code orders_13}. */
  static String product(int k) {
    return SUBJECTS.get(k % SUBJECTS.size()) + "_" + k;
  }

  static int productsPerDomain(int products) {
    return (products + DOMAINS.size() - 1) / DOMAINS.size();
  }

  /** Writes the mesh for {@code products} products (a multiple of ten) into {@code dir} and returns its descriptor. */
  static Path write(Path dir, int products) {
    int perDomain = productsPerDomain(products);
    String run = UUID.randomUUID().toString().substring(0, 8);
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: generated\n")
        .append("description: ").append(products).append(" generated products over H2 and CSV sources\n")
        .append("principals:\n")
        .append("  - {name: ").append(USER).append(", roles: [analyst], password: \"")
        .append(PasswordHasher.hash(PASSWORD.toCharArray())).append("\"}\n")
        .append("policies:\n")
        .append("  - name: analysts-read-everything\n")
        .append("    grant: {products: [\"*\"], roles: [analyst]}\n")
        .append("domains:\n");
    try {
      for (int d = 0; d < DOMAINS.size(); d++) {
        String domain = DOMAINS.get(d);
        boolean h2 = d % 2 == 0;
        yaml.append("  - name: ").append(domain).append('\n')
            .append("    owner: ").append(domain).append("-team@generated.example\n")
            .append("    description: The ").append(domain).append(" team's data\n")
            .append("    sources:\n");
        if (h2) {
          Path seed = dir.resolve("seed-" + domain + ".sql");
          Files.writeString(seed, seedScript(perDomain));
          yaml.append("      - {name: db, type: jdbc, url: \"jdbc:h2:mem:gen-").append(domain).append('-').append(run)
              .append("\", user: sa, seed: [").append(seed.getFileName()).append("]}\n");
        } else {
          Path folder = Files.createDirectories(dir.resolve("files-" + domain));
          for (int k = 0; k < perDomain; k++) {
            Files.writeString(folder.resolve("t_" + k + ".csv"), csv(k));
          }
          yaml.append("      - {name: db, type: csv, path: ").append(folder.getFileName()).append("}\n");
        }
        yaml.append("    products:\n");
        for (int k = 0; k < perDomain; k++) {
          yaml.append(product(d, k, perDomain));
        }
      }
      Path descriptor = dir.resolve("mesh.yaml");
      Files.writeString(descriptor, yaml);
      return descriptor;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String product(int d, int k, int perDomain) {
    String domain = DOMAINS.get(d);
    String subject = SUBJECTS.get(k % SUBJECTS.size());
    String otherDomain = DOMAINS.get((d + 1) % DOMAINS.size());
    String thirdDomain = DOMAINS.get((d + 3) % DOMAINS.size());
    StringBuilder p = new StringBuilder();
    p.append("      - name: ").append(product(k)).append('\n')
        .append("        version: 1.").append(k % 7).append(".0\n");
    if (k % 25 == 24 && k + 1 < perDomain) {
      p.append("        status: deprecated\n")
          .append("        deprecation: {replacedBy: ").append(domain).append('.').append(product(k + 1))
          .append(", sunset: 2027-12-31}\n");
    }
    p.append("        description:\n")
        .append("          purpose: One row per ").append(subject, 0, subject.length() - 1).append(" of the ")
        .append(domain).append(" domain, batch ").append(k).append('\n')
        .append("          usage: Join on id; amounts are in EUR and regions are ")
        .append(String.join(", ", REGIONS)).append('\n')
        .append("          limitations: Refreshed nightly, so the last day is missing until 06:00 UTC\n")
        .append("        tags: [").append(TAGS.get(k % TAGS.size())).append(", ")
        .append(TAGS.get((k / TAGS.size() + d) % TAGS.size())).append("]\n");
    if (k % 5 == 4) {
      // Built on two products of other domains; every tenth one on such a product too.
      String left = k % 10 == 9 ? otherDomain + "." + product(k - 5) : otherDomain + "." + product(k - 1);
      String right = thirdDomain + "." + product(k - 2);
      p.append("        sql: |\n")
          .append("          SELECT a.id, a.name, a.amount + b.amount AS amount, a.created_on, a.region\n")
          .append("          FROM ").append(left).append(" a JOIN ").append(right).append(" b ON b.id = a.id\n");
    } else {
      p.append("        sql: SELECT * FROM db.t_").append(k).append('\n');
    }
    p.append("        columns:\n")
        .append("          - {name: id, description: The ").append(subject)
        .append(" number, required: true, unique: true}\n")
        .append("          - {name: name, description: Who it concerns, classification: confidential, tags: [pii]}\n")
        .append("          - {name: amount, description: Amount in EUR, classification: internal}\n")
        .append("          - {name: created_on, description: Day it was recorded}\n")
        .append("          - {name: region, description: Sales region, classification: public}\n")
        .append("        quality:\n")
        .append("          - {metric: rowCount, mustBeGreaterThan: 0}\n");
    return p.toString();
  }

  private static String seedScript(int tables) {
    StringBuilder sql = new StringBuilder();
    for (int k = 0; k < tables; k++) {
      sql.append("CREATE TABLE t_").append(k)
          .append("(id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2), created_on DATE, region VARCHAR(10));\n")
          .append("INSERT INTO t_").append(k).append(" VALUES\n");
      List<String> rows = new ArrayList<>();
      for (int r = 1; r <= ROWS; r++) {
        rows.add("  (" + r + ", '" + name(k, r) + "', " + amount(k, r) + ", DATE '" + day(k, r) + "', '"
            + REGIONS.get((k + r) % REGIONS.size()) + "')");
      }
      sql.append(String.join(",\n", rows)).append(";\n");
    }
    return sql.toString();
  }

  private static String csv(int k) {
    StringBuilder csv = new StringBuilder("id,name,amount,created_on,region\n");
    for (int r = 1; r <= ROWS; r++) {
      csv.append(r).append(',').append(name(k, r)).append(',').append(amount(k, r)).append(',').append(day(k, r))
          .append(',').append(REGIONS.get((k + r) % REGIONS.size())).append('\n');
    }
    return csv.toString();
  }

  private static String name(int k, int r) {
    return "Customer " + (k * ROWS + r);
  }

  private static String amount(int k, int r) {
    return (k * 7 + r * 13) % 1000 + "." + String.format("%02d", (k + r) % 100);
  }

  private static String day(int k, int r) {
    return "2026-" + String.format("%02d", 1 + (k + r) % 12) + "-" + String.format("%02d", 1 + (k * r) % 28);
  }
}
