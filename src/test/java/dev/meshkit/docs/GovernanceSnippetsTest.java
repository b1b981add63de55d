package dev.meshkit.docs;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import dev.meshkit.governance.JdbcAuditSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The governance API as docs/governance.md shows it, run on the example mesh. */
class GovernanceSnippetsTest {

  @Test
  void report() throws SQLException {
    try (Mesh mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"))) {
      try (Connection c = mesh.connect(mesh.principal("ann").orElseThrow())) {
        rows(c, "SELECT COUNT(*) FROM sales.orders_v1");
      }
      // snippet:governance-report
      GovernanceReport report = mesh.report(Duration.ofDays(7));   // unused: not read for 7 days
      String markdown = report.toMarkdown();
      String json = report.toJson();
      // end:governance-report
      assertEquals(List.of("sales.orders_v1"), report.deprecatedInUse().stream().map(GovernanceReport.DeprecatedInUse::product).toList());
      assertTrue(markdown.startsWith("# Governance report: acme"), markdown);
      assertTrue(json.contains("\"unusedDays\" : 7"), json);
    }
  }

  @Test
  void auditToADatabase() throws SQLException {
    JdbcDataSource auditDatabase = new JdbcDataSource();
    auditDatabase.setURL("jdbc:h2:mem:docs-audit;DB_CLOSE_DELAY=-1");
    auditDatabase.setUser("sa");
    // snippet:governance-audit-sink
    Mesh mesh = Mesh.builder().descriptor(Path.of("examples/acme/mesh.yaml"))
        .auditSink(JdbcAuditSink.builder(auditDatabase).build())   // table meshkit_audit, written in the background
        .build();
    // end:governance-audit-sink
    try (mesh; Connection c = mesh.connect(mesh.principal("bert").orElseThrow())) {
      rows(c, "SELECT name FROM sales.customer");
    }
    // Closing the mesh closed the sink, which wrote what it had queued.
    try (Connection audit = DriverManager.getConnection("jdbc:h2:mem:docs-audit", "sa", "")) {
      assertEquals(List.of("bert,ALLOWED,2"), rows(audit, "SELECT principal, decision, rows_returned FROM meshkit_audit"));
    }
  }
}
