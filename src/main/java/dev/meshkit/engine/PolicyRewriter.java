package dev.meshkit.engine;

import dev.meshkit.masking.Masking;
import dev.meshkit.planner.PolicyBarrier;
import dev.meshkit.policy.AccessDecision;
import dev.meshkit.policy.ColumnMask;
import dev.meshkit.policy.Mask;
import dev.meshkit.policy.RowFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Turns a decision into relational algebra over a product: the product's {@link PolicyBarrier},
 * carrying its row filters, then its masks as a projection, so nothing the consumer writes sees a
 * removed row or a raw masked value.
 */
final class PolicyRewriter {

  private static final String SELF = "product";

  private PolicyRewriter() {
  }

  static RelNode apply(RelNode product, AccessDecision decision, String name) {
    RexNode rowFilter = null;
    List<String> names = new ArrayList<>();
    if (!decision.rowFilters().isEmpty()) {
      RexBuilder rex = product.getCluster().getRexBuilder();
      List<RexNode> conditions = new ArrayList<>();
      for (RowFilter filter : decision.rowFilters()) {
        conditions.add(filter.unsatisfiable() ? rex.makeLiteral(false) : condition(product, filter));
        names.add(filter.policy());
      }
      rowFilter = RexUtil.composeConjunction(rex, conditions);
    }
    RelNode rel = PolicyBarrier.over(product, name, rowFilter, String.join(",", names));
    if (!decision.masks().isEmpty()) {
      rel = mask(rel, decision);
    }
    return rel;
  }

  /** The product's row type as this principal sees it: masked columns take their mask's type. */
  static RelDataType rowType(RelDataTypeFactory types, RelDataType raw, AccessDecision decision) {
    if (decision.masks().isEmpty()) {
      return raw;
    }
    RelDataTypeFactory.Builder builder = types.builder();
    for (RelDataTypeField field : raw.getFieldList()) {
      ColumnMask mask = decision.masks().get(field.getName().toLowerCase(Locale.ROOT));
      builder.add(field.getName(), mask == null ? field.getType()
          : Masking.maskedType(types, field.getType(), field.getName(), toMask(mask)));
    }
    return builder.build();
  }

  private static RelNode mask(RelNode input, AccessDecision decision) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RelDataTypeField field : input.getRowType().getFieldList()) {
      RexNode column = rex.makeInputRef(input, field.getIndex());
      ColumnMask mask = decision.masks().get(field.getName().toLowerCase(Locale.ROOT));
      projects.add(mask == null ? column : Masking.apply(rex, column, field.getName(), toMask(mask)));
      names.add(field.getName());
    }
    return LogicalProject.create(input, List.of(), projects, names, Set.of());
  }

  private static Mask toMask(ColumnMask mask) {
    return new Mask(mask.policy(), mask.with(), mask.expression());
  }

  /**
   * An attribute value as a literal of the type its comparison needs, so the source receives
   * {@code nation_id = 2}; text stays text (never cut to a column's length), and a value that
   * does not parse as the type becomes a cast the source evaluates.
   */
  private static RexNode literal(RexBuilder rex, RelDataType type, String value) {
    RexNode text = rex.makeLiteral(value);
    try {
      if (SqlTypeUtil.isCharacter(type)) {
        return text;
      }
      if (SqlTypeUtil.isExactNumeric(type)) {
        return rex.makeExactLiteral(new java.math.BigDecimal(value.strip()), type);
      }
      if (SqlTypeUtil.isApproximateNumeric(type)) {
        return rex.makeApproxLiteral(new java.math.BigDecimal(value.strip()), type);
      }
    } catch (NumberFormatException e) {
      return rex.makeCast(type, text);
    }
    return rex.makeCast(type, text);
  }

  /**
   * The filter's predicate over the product's columns, its {@code ?} placeholders replaced by the
   * bound attribute values as typed literals: values never become SQL text we parse.
   */
  private static RexNode condition(RelNode product, RowFilter filter) {
    RelOptCluster cluster = product.getCluster();
    FilterQuery query = FilterQuery.of(filter.policy(), filter.predicateWithPlaceholders(), product.getRowType(),
        (JavaTypeFactory) cluster.getTypeFactory());
    RelNode converted;
    try {
      converted = new SqlToRelConverter(null, query.validator(), query.reader(), cluster,
          StandardConvertletTable.INSTANCE, SqlToRelConverter.config().withExpand(false))
          .convertQuery(query.select(), true, true).rel;
    } catch (RuntimeException e) {
      throw new PolicyException("row filter '" + filter.policy() + "' is not a predicate over the product's columns: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    RexNode[] found = new RexNode[1];
    converted.accept(new RelShuttleImpl() {
      @Override
      public RelNode visit(LogicalFilter f) {
        found[0] = f.getCondition();
        return f;
      }
    });
    if (found[0] == null || RexUtil.SubQueryFinder.find(found[0]) != null) {
      throw new PolicyException("row filter '" + filter.policy() + "' must be a plain predicate, without subqueries");
    }
    RexBuilder rex = cluster.getRexBuilder();
    return found[0].accept(new RexShuttle() {
      @Override
      public RexNode visitDynamicParam(RexDynamicParam param) {
        return literal(rex, param.getType(), filter.values().get(param.getIndex()));
      }

      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        throw new PolicyException("row filter '" + filter.policy() + "' must not contain subqueries");
      }
    });
  }

  /**
   * Checks a row filter's predicate over a product's row type as planning does, with no values
   * bound, so that a filter that cannot apply is found when the product is validated.
   *
   * @param product how messages name the product, {@code product sales.orders}
   * @throws PolicyException saying why the filter cannot apply to the product
   */
  static void validate(String policy, String predicate, String product, RelDataType rowType, JavaTypeFactory types) {
    FilterQuery query = FilterQuery.of(policy, predicate, rowType, types);
    SqlNode where = query.select().getWhere();
    if (containsQuery(where)) {
      throw new PolicyException("row filter '" + policy + "' must be a plain predicate, without subqueries");
    }
    try {
      query.validator().validate(query.select());
    } catch (RuntimeException e) {
      List<String> unknown = unknownColumns(where, rowType);
      throw new PolicyException(unknown.isEmpty()
          ? "row filter '" + policy + "' is not a predicate over the columns of " + product + ": "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          : "row filter '" + policy + "' names column" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
              + ", which " + product + " does not have (its columns: " + String.join(", ", rowType.getFieldNames())
              + ")");
    }
  }

  /** Names in the predicate that are no column of the row type, compared case-insensitively as the mesh does. */
  private static List<String> unknownColumns(SqlNode where, RelDataType rowType) {
    Set<String> columns = new HashSet<>();
    rowType.getFieldNames().forEach(name -> columns.add(name.toLowerCase(Locale.ROOT)));
    Set<String> unknown = new LinkedHashSet<>();
    where.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        String name = id.names.get(id.names.size() - 1);
        if (!columns.contains(name.toLowerCase(Locale.ROOT))) {
          unknown.add(name);
        }
        return null;
      }
    });
    return List.copyOf(unknown);
  }

  private static boolean containsQuery(SqlNode where) {
    boolean[] found = new boolean[1];
    where.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getKind().belongsTo(SqlKind.QUERY)) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  /** A row filter's predicate as the WHERE of {@code SELECT * FROM product}, with a validator that sees only that product. */
  private record FilterQuery(SqlSelect select, CalciteCatalogReader reader, SqlValidator validator) {

    static FilterQuery of(String policy, String predicate, RelDataType rowType, JavaTypeFactory types) {
      SqlNode where;
      try {
        where = SqlParser.create(predicate, ProductCompiler.PARSER).parseExpression();
      } catch (SqlParseException e) {
        throw new PolicyException("row filter '" + policy + "' does not parse: "
            + e.getMessage().lines().findFirst().orElse(""));
      }
      SqlSelect select = new SqlSelect(SqlParserPos.ZERO, null,
          SqlNodeList.of(SqlIdentifier.star(SqlParserPos.ZERO)), new SqlIdentifier(SELF, SqlParserPos.ZERO),
          where, null, null, null, null, null, null, null, null);
      Table self = new AbstractTable() {
        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
          return typeFactory.copyType(rowType);
        }
      };
      CalciteSchema root = CalciteSchema.createRootSchema(false, false, "",
          new LookupSchema(NameLookup.of(Map.of(SELF, self)), Lookup.empty()));
      CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), types, ProductCompiler.CONFIG);
      SqlValidator validator = SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), reader, types,
          SqlValidator.Config.DEFAULT.withIdentifierExpansion(true));
      return new FilterQuery(select, reader, validator);
    }
  }
}
