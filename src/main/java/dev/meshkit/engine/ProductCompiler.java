package dev.meshkit.engine;

import dev.meshkit.planner.validation.MeshConformance;
import dev.meshkit.planner.validation.MeshValidator;
import dev.meshkit.planner.NullFolding;
import dev.meshkit.source.SourceUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import dev.meshkit.source.MeshTypeFactory;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Parses, validates and expands product SQL in its domain's namespace. Validation happens when the
 * mesh loads (and again for products whose source was down); expansion happens each time a
 * statement that reads the product is planned, inside that statement's cluster.
 */
public final class ProductCompiler {

  /**
   * The lexical rules of the mesh, Trino's: standard double quotes, names matched case-insensitively
   * and reported in lower case, quoted or not, whatever case a source stores them in.
   */
  public static final Properties CONNECTION_PROPERTIES = properties();

  static final CalciteConnectionConfig CONFIG = new CalciteConnectionConfigImpl(CONNECTION_PROPERTIES);

  public static final SqlParser.Config PARSER = SqlParser.config()
      .withQuoting(CONFIG.quoting())
      .withUnquotedCasing(CONFIG.unquotedCasing())
      .withQuotedCasing(CONFIG.quotedCasing())
      .withCaseSensitive(CONFIG.caseSensitive())
      .withConformance(MeshConformance.INSTANCE);

  private static final RelOptTable.ViewExpander NO_VIEWS = (rowType, sql, schemaPath, viewPath) -> {
    throw new UnsupportedOperationException("views are not expanded inside data products");
  };

  private final JavaTypeFactory typeFactory = new MeshTypeFactory();
  private final ThreadLocal<Deque<Product>> validating = ThreadLocal.withInitial(ArrayDeque::new);

  private static Properties properties() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "TO_LOWER");
    p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "TO_LOWER");
    p.setProperty(CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE");
    return p;
  }

  /**
   * Validates a product and returns its row type.
   *
   * @throws ProductInvalidException if the SQL is wrong or the product depends on itself
   * @throws ProductUnavailableException if a source it reads cannot be reached
   */
  synchronized RelDataType validate(Product product) {
    Deque<Product> stack = validating.get();
    if (stack.contains(product)) {
      List<Product> chain = new ArrayList<>(stack);
      Collections.reverse(chain);
      String path = chain.subList(chain.indexOf(product), chain.size()).stream()
          .map(Product::qualifiedName).collect(Collectors.joining(" -> "));
      throw new ProductInvalidException("cyclic product dependency: " + path + " -> " + product.qualifiedName(), null);
    }
    stack.push(product);
    try {
      SqlNode parsed = parse(product);
      SqlValidator validator = validator(product.domain, typeFactory);
      SqlNode validated = validator.validate(parsed);
      return lowerCase(product, validator.getValidatedNodeType(validated));
    } catch (ProductInvalidException | ProductUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw classify(product, e);
    } finally {
      stack.pop();
    }
  }

  /**
   * A product's SQL validated in its domain's namespace, with identifiers expanded ({@code *} into
   * columns, columns qualified by their table), and the types the validator derived for its
   * expressions: for translating it to another engine's dialect.
   */
  public record ValidatedSql(SqlNode node, SqlValidator validator) {

    /** The type validation derived for an expression of {@link #node()}, or null if it derived none. */
    public RelDataType typeOf(SqlNode expression) {
      return validator.getValidatedNodeTypeIfKnown(expression);
    }
  }

  /**
   * The product's SQL, validated as {@link #validate} does.
   *
   * @throws ProductInvalidException if the SQL is wrong
   * @throws ProductUnavailableException if a source it reads cannot be reached
   */
  public synchronized ValidatedSql validatedSql(Product product) {
    product.rowType();
    try {
      SqlNode parsed = parse(product);
      SqlValidator validator = validator(product.domain, typeFactory);
      return new ValidatedSql(validator.validate(parsed), validator);
    } catch (ProductInvalidException | ProductUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw classify(product, e);
    }
  }

  /**
   * The product's columns as consumers see them: in lower case, so that {@code order_id} is the
   * name whether the source stores {@code ORDER_ID} or {@code order_id}.
   */
  private RelDataType lowerCase(Product product, RelDataType rowType) {
    List<String> names = new ArrayList<>();
    for (String name : rowType.getFieldNames()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (names.contains(lower)) {
        throw new ProductInvalidException("it has two columns named '" + lower
            + "' (column names are not case-sensitive); give one of them another alias", null);
      }
      names.add(lower);
    }
    return typeFactory.createStructType(rowType.getFieldList().stream().map(f -> f.getType()).toList(), names);
  }

  /** Turns the product's SQL into relational algebra inside a statement being planned. */
  RelNode expand(Product product, RelOptCluster cluster) {
    RelDataType expected = cluster.getTypeFactory().copyType(product.rowType());
    RelNode rel = convert(product, product.domain.namespace, cluster);
    PlanningScope scope = PlanningScope.current();
    if (scope != null) {
      scope.expanded(product.domain, rel);
    }
    if (!RelOptUtil.areRowTypesEqual(rel.getRowType(), expected, false)) {
      rel = RelOptUtil.createCastRel(rel, expected, true);
    }
    return rel;
  }

  /**
   * Converts the product's SQL in the given namespace, which is the domain's own for planning, or
   * one whose tables do not expand (for lineage).
   */
  public RelNode convert(Product product, CalciteSchema namespace, RelOptCluster cluster) {
    JavaTypeFactory factory = (JavaTypeFactory) cluster.getTypeFactory();
    SqlNode parsed = parse(product);
    CalciteCatalogReader reader = new CalciteCatalogReader(namespace, List.of(), factory, CONFIG);
    SqlValidator validator = newValidator(reader, factory);
    SqlToRelConverter converter = new SqlToRelConverter(NO_VIEWS, validator, reader, cluster,
        StandardConvertletTable.INSTANCE, SqlToRelConverter.config().withExpand(false).withTrimUnusedFields(false)
            .withRelBuilderFactory(NullFolding.BUILDER));
    try {
      return converter.convertQuery(parsed, true, true).project();
    } catch (ProductInvalidException | ProductUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw classify(product, e);
    }
  }

  private SqlNode parse(Product product) {
    try {
      return SqlParser.create(product.model.sql(), PARSER).parseQuery();
    } catch (SqlParseException e) {
      throw new ProductInvalidException("SQL does not parse: " + firstLine(e.getMessage()), e);
    }
  }

  private SqlValidator validator(Domain domain, JavaTypeFactory factory) {
    return newValidator(new CalciteCatalogReader(domain.namespace, List.of(), factory, CONFIG), factory);
  }

  private static SqlValidator newValidator(CalciteCatalogReader reader, JavaTypeFactory factory) {
    SqlValidator.Config config = SqlValidator.Config.DEFAULT
        .withDefaultNullCollation(CONFIG.defaultNullCollation())
        .withIdentifierExpansion(true);
    return MeshValidator.create(SqlStdOperatorTable.instance(), reader, factory, config);
  }

  /** Finds what really went wrong beneath Calcite's wrappers. */
  private static RuntimeException classify(Product product, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProductInvalidException invalid) {
        return invalid;
      }
      if (t instanceof ProductUnavailableException unavailable) {
        return unavailable;
      }
      if (t instanceof SourceUnavailableException source) {
        return new ProductUnavailableException(product.qualifiedName(), source);
      }
      if (t instanceof CalciteContextException context) {
        return new ProductInvalidException(context.getMessage(), context);
      }
    }
    return new ProductInvalidException(firstLine(String.valueOf(e.getMessage())), e);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
