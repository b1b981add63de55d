package dev.meshkit.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.engine.ProductCompiler;
import dev.meshkit.model.Location;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.junit.jupiter.api.Test;

/** A product's validated SQL unparsed for Trino, its tables renamed to Trino catalogs, wrapped in a typed view. */
class ViewTranslationTest {

  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();

  private SqlNode validated(String sql) throws Exception {
    return validatedSql(sql).node();
  }

  private ProductCompiler.ValidatedSql validatedSql(String sql) throws Exception {
    RelDataType orders = types.builder().add("order_id", SqlTypeName.INTEGER)
        .add("amount", types.createSqlType(SqlTypeName.DECIMAL, 10, 2)).build();
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    CalciteSchema erp = root.add("erp", new org.apache.calcite.schema.impl.AbstractSchema());
    erp.add("orders", new AbstractTable() {
      @Override
      public RelDataType getRowType(RelDataTypeFactory factory) {
        return factory.copyType(orders);
      }
    });
    CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), types,
        new CalciteConnectionConfigImpl(ProductCompiler.CONNECTION_PROPERTIES));
    SqlValidator validator = SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), reader, types,
        SqlValidator.Config.DEFAULT.withIdentifierExpansion(true));
    return new ProductCompiler.ValidatedSql(validator.validate(SqlParser.create(sql, ProductCompiler.PARSER).parseQuery()),
        validator);
  }

  @Test
  void averagesAndDecimalQuotientsKeepMeshkitsDigits() throws Exception {
    SqlNode sql = SameArithmetic.rewrite(validatedSql("SELECT AVG(amount) AS a, AVG(DISTINCT order_id) AS b,"
        + " SUM(amount) / 3 AS c, COUNT(*) / 2 AS d FROM erp.orders"));
    assertEquals("SELECT CAST(SUM(\"orders\".\"amount\") AS DECIMAL(38, 6)) / COUNT(\"orders\".\"amount\") AS \"a\","
        + " CAST(SUM(DISTINCT \"orders\".\"order_id\") AS DECIMAL(38, 6)) / COUNT(DISTINCT \"orders\".\"order_id\") AS \"b\","
        + " CAST(SUM(\"orders\".\"amount\") AS DECIMAL(38, 16)) / 3 AS \"c\", COUNT(*) / 2 AS \"d\""
        + " FROM \"erp\".\"orders\" AS \"orders\"", TrinoSql.unparse(sql).replace('\n', ' '));
  }

  @Test
  void statisticsTrinoComputesInDoubleAreRefused() throws Exception {
    assertEquals("it computes STDDEV_POP of an exact number, which Trino computes in DOUBLE",
        assertThrows(Untranslatable.class, () -> SameArithmetic.rewrite(
            validatedSql("SELECT STDDEV_POP(amount) FROM erp.orders"))).getMessage());
    assertEquals("it computes a windowed AVG of an exact number, which Trino computes in DOUBLE",
        assertThrows(Untranslatable.class, () -> SameArithmetic.rewrite(
            validatedSql("SELECT AVG(amount) OVER (PARTITION BY order_id) FROM erp.orders"))).getMessage());
  }

  @Test
  void tablesInEveryFromClauseAreRenamedAndTheRestUnparsedForTrino() throws Exception {
    SqlNode sql = validated("SELECT o.order_id, SUBSTRING(CAST(amount AS VARCHAR) FROM 1 FOR 3) AS a FROM erp.orders o"
        + " WHERE o.order_id IN (SELECT order_id FROM erp.orders WHERE amount > 1) LIMIT 5");
    List<SqlIdentifier> tables = TrinoSql.tables(sql);
    assertEquals(2, tables.size());
    SqlNode renamed = TrinoSql.renameTables(sql, tables, id -> List.of("sales_erp", "public", id.names.get(1)));
    String trino = TrinoSql.unparse(renamed).replace('\n', ' ');
    assertEquals("SELECT \"o\".\"order_id\", SUBSTR(CAST(\"o\".\"amount\" AS VARCHAR), 1, 3) AS \"a\""
        + " FROM \"sales_erp\".\"public\".\"orders\" AS \"o\" WHERE \"o\".\"order_id\" IN (SELECT \"orders\".\"order_id\""
        + " FROM \"sales_erp\".\"public\".\"orders\" AS \"orders\" WHERE CAST(\"orders\".\"amount\" AS DECIMAL(12, 2)) > CAST(1 AS DECIMAL(12, 2))) LIMIT 5", trino);
  }

  @Test
  void theViewCastsEachColumnToItsTypeAndCarriesTheDescription() {
    RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
    ProductModel model = new ProductModel("orders", new dev.meshkit.model.ProductDescription("One row per order", null,
        null), "SELECT 1", List.of(), "2.0.0", ProductStatus.ACTIVE, "sales@x", List.of(), List.of(), true, null, null,
        List.of(), new Location("mesh.yaml", 1));
    ViewDefinition view = new ViewDefinition("sales", model, "SELECT 1 AS \"order_id\"",
        List.of(new ViewDefinition.Column("order_id", integer, "integer", null)), List.of(), null);
    assertEquals("CREATE OR REPLACE VIEW \"acme\".\"sales\".\"orders\" COMMENT 'One row per order (active, version 2.0.0,"
        + " owner sales@x)' SECURITY DEFINER AS SELECT CAST(\"order_id\" AS integer) AS \"order_id\""
        + " FROM (SELECT 1 AS \"order_id\") AS \"product\"", Views.create("acme", view));
  }
}
