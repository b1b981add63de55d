package dev.meshkit.governance;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditEvent.Decision;
import dev.meshkit.AuditEvent.ProductAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit events for tests. */
final class AuditEvents {

  static final Instant TIME = Instant.parse("2025-03-01T10:15:30.123Z");

  private AuditEvents() {
  }

  /** An allowed read of sales.orders by ann, with a row filter and a mask, returning {@code rows}. */
  static AuditEvent allowed(long rows) {
    return AuditEvent.builder()
        .time(TIME)
        .principal("ann")
        .roles(List.of("analyst", "auditor"))
        .sql("SELECT id, phone FROM sales.orders WHERE amount > 10")
        .product(new ProductAccess("sales.orders", List.of("id", "phone"),
            List.of("analysts-see-their-region"), Map.of("phone", "phone-last-four")))
        .decision(Decision.ALLOWED)
        .decidingPolicy("analysts-read-sales")
        .rowsReturned(rows)
        .duration(Duration.ofMillis(12))
        .build();
  }

  static AuditEvent denied() {
    return AuditEvent.builder()
        .time(TIME)
        .principal("carl")
        .sql("SELECT * FROM hr.salaries")
        .decision(Decision.DENIED)
        .decidingPolicy("contractors-no-hr")
        .duration(Duration.ofMillis(1))
        .error("Access denied to product hr.salaries by policy contractors-no-hr.")
        .warning("product hr.bonus is unavailable")
        .build();
  }
}
