package dev.meshkit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.masking.Masking;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelRunner;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A database source receives the raw columns; the built-in masks run in the JVM. */
class MaskPushdownTest {

  @Test
  void builtInMasksStayOutOfTheSourceSql() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:masks;DB_CLOSE_DELAY=-1");
    try (Connection db = h2.getConnection(); Statement st = db.createStatement()) {
      st.execute("CREATE TABLE people (phone VARCHAR(20), born DATE)");
      st.execute("INSERT INTO people VALUES ('+1 555 123 4567', DATE '1990-07-15')");
    }
    List<String> sent = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:calcite:");
         Hook.Closeable hook = Hook.QUERY_PLAN.addThread((Consumer<Object>) plan -> sent.add(String.valueOf(plan)))) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      root.add("src", JdbcSchema.create(root, "src", h2, null, "PUBLIC"));
      RelBuilder builder = RelBuilder.create(Frameworks.newConfigBuilder().defaultSchema(root).build());
      builder.scan("src", "PEOPLE");
      RexNode phone = Masking.apply(builder.getRexBuilder(), builder.field("PHONE"), "PHONE",
          new Mask("p", "last4", null));
      RexNode born = Masking.apply(builder.getRexBuilder(), builder.field("BORN"), "BORN",
          new Mask("p", "year", null));
      RelNode plan = builder.project(phone, born).build();

      try (ResultSet rs = connection.unwrap(RelRunner.class).prepareStatement(plan).executeQuery()) {
        assertTrue(rs.next());
        assertEquals("XXXXXXXXXXX4567", rs.getString(1));
        assertEquals("1990-01-01", rs.getString(2));
        assertFalse(rs.next());
      }
    }
    assertEquals(1, sent.size(), sent.toString());
    assertEquals("SELECT *\nFROM \"PUBLIC\".\"PEOPLE\"", sent.get(0));
  }
}
