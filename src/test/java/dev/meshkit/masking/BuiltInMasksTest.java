package dev.meshkit.masking;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.model.BuiltInMask;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link BuiltInMask} runs through a mesh query over an H2 source, and the type JDBC reports
 * for the masked column is the table's result type.
 */
class BuiltInMasksTest {

  private static final Principal MASKED = Principal.builder("ann").role("analyst").build();
  private static final Principal EXEMPT = Principal.builder("cora").role("compliance").build();

  /** The source columns each mask is tried on; none is VARCHAR, so a VARCHAR result shows. */
  private static List<String> columnsFor(BuiltInMask mask) {
    return switch (mask) {
      case HASH, REDACT, LAST4, FIRST4, NULLIFY -> List.of("amount", "born", "seen");
      case YEAR -> List.of("born", "seen");
    };
  }

  @Test
  void everyBuiltInMaskRunsAndHasItsResultType(@TempDir Path dir) throws Exception {
    String db = h2("built_in_masks_" + UUID.randomUUID().toString().replace("-", ""),
        "CREATE TABLE t(id INT PRIMARY KEY, amount DECIMAL(10,2), born DATE, seen TIMESTAMP)",
        "INSERT INTO t VALUES (1, 12345.67, DATE '1990-07-15', TIMESTAMP '2024-03-05 10:11:12'),"
            + " (2, NULL, NULL, NULL)");
    List<String> columns = new ArrayList<>();
    List<BuiltInMask> masks = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT id");
    StringBuilder policies = new StringBuilder();
    for (BuiltInMask mask : BuiltInMask.values()) {
      for (String source : columnsFor(mask)) {
        String column = mask.descriptorName() + "_" + source;
        columns.add(column);
        masks.add(mask);
        select.append(", ").append(source).append(" AS ").append(column);
        policies.append("  - {name: mask-").append(column).append(", mask: {products: [\"lab.masked\"], columns: [")
            .append(column).append("], exceptRoles: [compliance], with: ").append(mask.descriptorName())
            .append("}}\n");
      }
    }
    Path descriptor = write(dir.resolve("mesh.yaml"), """
        name: masks
        domains:
          - name: lab
            owner: lab@example.org
            sources:
              - {name: db, type: jdbc, url: "%s", user: sa}
            products:
              - {name: masked, description: Every built-in mask, sql: "%s FROM db.t"}
        masking: {hashKey: "a-test-key-of-at-least-32-bytes-for-hash"}
        policies:
          - {name: everyone-reads, grant: {products: ["*"]}}
        %s""".formatted(db, select, policies));

    try (Mesh mesh = Mesh.fromYaml(descriptor);
         Connection masked = mesh.connect(MASKED);
         Connection exempt = mesh.connect(EXEMPT);
         Statement maskedStatement = masked.createStatement();
         Statement exemptStatement = exempt.createStatement();
         ResultSet maskedRows = maskedStatement.executeQuery("SELECT * FROM lab.masked ORDER BY id");
         ResultSet rawRows = exemptStatement.executeQuery("SELECT * FROM lab.masked ORDER BY id")) {
      ResultSetMetaData maskedMeta = maskedRows.getMetaData();
      ResultSetMetaData rawMeta = rawRows.getMetaData();
      assertTrue(maskedRows.next());
      assertTrue(rawRows.next());
      for (int i = 0; i < columns.size(); i++) {
        int position = i + 2;
        String column = columns.get(i);
        BuiltInMask mask = masks.get(i);
        assertEquals(column, maskedMeta.getColumnLabel(position).toLowerCase(Locale.ROOT));
        int rawType = rawMeta.getColumnType(position);
        assertNotEquals(Types.VARCHAR, rawType, column + " unmasked");
        int expected = switch (mask.resultType()) {
          case VARCHAR -> Types.VARCHAR;
          case SAME_AS_COLUMN -> rawType;
        };
        assertEquals(expected, maskedMeta.getColumnType(position),
            column + " should be " + mask.resultType() + " but is " + maskedMeta.getColumnTypeName(position));

        Object raw = rawRows.getObject(position);
        Object value = maskedRows.getObject(position);
        assertNotNull(raw, column + " unmasked");
        if (mask == BuiltInMask.NULLIFY) {
          assertNull(value, column);
        } else {
          assertNotNull(value, column);
          assertNotEquals(rawRows.getString(position), maskedRows.getString(position), column + " is masked");
        }
      }
      assertTrue(maskedRows.next(), "the row of NULLs");
      for (int i = 0; i < columns.size(); i++) {
        assertNull(maskedRows.getObject(i + 2), columns.get(i) + " of a NULL");
      }
      assertFalse(maskedRows.next());
    }
  }
}
