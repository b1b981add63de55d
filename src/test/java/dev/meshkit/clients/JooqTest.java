package dev.meshkit.clients;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.clients.ClientMesh.Via;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Meta;
import org.jooq.Named;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Schema;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jOOQ 3.19 as an application uses it, embedded and remote: {@code meta()} reads the schema
 * through DatabaseMetaData, typed fields and records give java.time and numeric values, and
 * queries bind them. jOOQ picks its dialect from the connection (DEFAULT here), so it quotes every
 * name it renders ({@code "sales"."orders"}), and it reads dates with {@code getDate} and binds
 * them with {@code setDate}: what it needs of JDBC 4.2 is the metadata, not
 * {@code getObject(col, Class)}.
 */
@Tag("clients")
class JooqTest {

  @RegisterExtension
  static final ClientMesh MESH = new ClientMesh();

  private static final Table<?> ORDERS = table(name("sales", "orders"));
  private static final Field<Integer> ORDER_ID = field(name("order_id"), SQLDataType.INTEGER);
  private static final Field<Long> CUSTOMER_ID = field(name("customer_id"), SQLDataType.BIGINT);
  private static final Field<LocalDate> ORDER_DATE = field(name("order_date"), SQLDataType.LOCALDATE);
  private static final Field<BigDecimal> AMOUNT = field(name("amount"), SQLDataType.DECIMAL(10, 2));

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void metaListsTheProductsWithTheirColumnsAndTypes(Via via) throws Exception {
    try (Connection connection = MESH.connect(via)) {
      Meta meta = DSL.using(connection).meta();
      Set<String> schemas = names(meta.getSchemas());
      assertTrue(schemas.containsAll(Set.of("sales", "reference", "catalog")), schemas::toString);
      Schema sales = meta.getSchemas("sales").get(0);
      assertEquals(Set.of("customer", "orders", "orders_v1", "revenue_by_nation"), names(sales.getTables()));

      Table<?> orders = sales.getTable("orders");
      String shown = describe(orders);
      assertNotNull(orders, () -> "no sales.orders among " + sales.getTables());
      assertEquals(List.of("order_id", "customer_id", "order_date", "amount"),
          Arrays.stream(orders.fields()).map(Field::getName).toList(), shown);
      assertEquals(List.of(Types.INTEGER, Types.INTEGER, Types.DATE, Types.DECIMAL),
          Arrays.stream(orders.fields()).map(f -> f.getDataType().getSQLType()).toList(), shown);
      assertEquals(List.of(false, true, true, true),
          Arrays.stream(orders.fields()).map(f -> f.getDataType().nullable()).toList(), shown);
      Field<?> amount = orders.field("amount");
      assertEquals(List.of(10, 2), List.of(amount.getDataType().precision(), amount.getDataType().scale()), shown);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void metaHasTheKeysTheDescriptorDeclares(Via via) throws Exception {
    try (Connection connection = MESH.connect(via)) {
      Meta meta = DSL.using(connection).meta();
      Table<?> orders = meta.getSchemas("sales").get(0).getTable("orders");
      Table<?> customer = meta.getSchemas("sales").get(0).getTable("customer");
      Table<?> nation = meta.getSchemas("reference").get(0).getTable("nation");
      String shown = describe(orders) + "\n" + describe(customer) + "\n" + describe(nation);
      assertTrue(orders != null && customer != null && nation != null, shown);

      assertNotNull(orders.getPrimaryKey(), shown);
      assertEquals(List.of("order_id"), fieldNames(orders.getPrimaryKey().getFields()), shown);
      assertNotNull(customer.getPrimaryKey(), shown);
      assertEquals(List.of("customer_id"), fieldNames(customer.getPrimaryKey().getFields()), shown);
      assertNotNull(nation.getPrimaryKey(), shown);
      assertEquals(List.of("nation_id"), fieldNames(nation.getPrimaryKey().getFields()), shown);

      assertEquals(List.of("(customer_id) -> sales.customer(customer_id)"),
          orders.getReferences().stream().map(JooqTest::reference).toList(), shown);
      assertEquals(List.of("(nation_id) -> reference.nation(nation_id)"),
          customer.getReferences().stream().map(JooqTest::reference).toList(), shown);
      // jOOQ reads unique indexes, not unique keys, from DatabaseMetaData.
      assertTrue(customer.getIndexes().stream().anyMatch(index -> index.getUnique()
          && index.getFields().stream().map(SortField::getName).toList().equals(List.of("name"))), shown);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void typedReadsGiveTheJavaTypesAsked(Via via) throws Exception {
    try (Connection connection = MESH.connect(via)) {
      DSLContext ctx = DSL.using(connection);
      Field<LocalDateTime> midnight = field("CAST({0} AS TIMESTAMP)", SQLDataType.LOCALDATETIME, ORDER_DATE);
      Field<LocalDate> noDate = field("CAST(NULL AS DATE)", SQLDataType.LOCALDATE);
      Record order = ctx.select(ORDER_ID, CUSTOMER_ID, ORDER_DATE, AMOUNT, midnight, noDate)
          .from(ORDERS).where(ORDER_ID.eq(100)).fetchOne();
      assertNotNull(order);
      assertEquals(100, order.get(ORDER_ID), order::toString);
      assertEquals(1L, order.get(CUSTOMER_ID), order::toString);
      assertEquals(LocalDate.of(2026, 1, 5), order.get(ORDER_DATE), order::toString);
      assertEquals(new BigDecimal("120.50"), order.get(AMOUNT), order::toString);
      assertEquals(LocalDateTime.of(2026, 1, 5, 0, 0), order.get(midnight), order::toString);
      assertNull(order.get(noDate), order::toString);

      // Plain SQL, then the types asked for when reading the record.
      Result<Record> plain = ctx.fetch("SELECT order_id, order_date, amount FROM sales.orders WHERE order_id = 102");
      assertEquals(1, plain.size(), plain::toString);
      assertEquals(LocalDate.of(2026, 2, 14), plain.get(0).getValue("order_date", LocalDate.class), plain::toString);
      assertEquals(new BigDecimal("410.00"), plain.get(0).getValue("amount", BigDecimal.class), plain::toString);
      assertEquals(102L, plain.get(0).getValue("order_id", Long.class), plain::toString);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"EMBEDDED", "REMOTE"})
  void bindsLocalDateBigDecimalAndLongParameters(Via via) throws Exception {
    try (Connection connection = MESH.connect(via)) {
      DSLContext ctx = DSL.using(connection);
      assertEquals(List.of(103, 105, 106), ctx.select(ORDER_ID).from(ORDERS)
          .where(ORDER_DATE.ge(LocalDate.of(2026, 3, 1))).and(AMOUNT.gt(new BigDecimal("50.00")))
          .orderBy(ORDER_ID).fetch(ORDER_ID));
      assertEquals(List.of(102, 106), ctx.select(ORDER_ID).from(ORDERS)
          .where(CUSTOMER_ID.eq(2L)).orderBy(ORDER_ID).fetch(ORDER_ID));
    }
  }

  private static Set<String> names(List<? extends Named> named) {
    return named.stream().map(Named::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> fieldNames(List<? extends Field<?>> fields) {
    return fields.stream().map(Field::getName).toList();
  }

  private static String reference(ForeignKey<?, ?> key) {
    Table<?> target = key.getKey().getTable();
    return "(" + String.join(", ", fieldNames(key.getFields())) + ") -> " + target.getSchema().getName() + "."
        + target.getName() + "(" + String.join(", ", fieldNames(key.getKeyFields())) + ")";
  }

  /** What jOOQ's meta made of a table, for assertion messages. */
  private static String describe(Table<?> table) {
    if (table == null) {
      return "(no such table)";
    }
    return table + ": " + Arrays.stream(table.fields())
        .map(f -> f.getName() + " " + f.getDataType().getTypeName() + "(" + f.getDataType().precision() + ","
            + f.getDataType().scale() + (f.getDataType().nullable() ? ")" : ") not null"))
        .collect(Collectors.joining(", "))
        + "; primary key " + table.getPrimaryKey() + "; references " + table.getReferences()
        + "; indexes " + table.getIndexes();
  }
}
