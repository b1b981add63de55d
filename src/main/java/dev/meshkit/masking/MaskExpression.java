package dev.meshkit.masking;

import dev.meshkit.policy.Mask;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Turns a mask's {@code expression} into a Rex expression over the column. {@code {column}} becomes
 * a parameter of the expression, bound to the column's Rex node, so the result does not depend on
 * the column's name or position and can name nothing else: it is validated in a scope that holds
 * only that parameter, over an empty catalog, with the standard operators. {@code {column}} is
 * replaced as text before parsing, so it is replaced inside string literals too.
 */
final class MaskExpression {

  private static final String COLUMN = "{column}";

  private static final SqlParser.Config PARSER = SqlParser.config()
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false);

  /** Function names match in any case, since unquoted names keep theirs. */
  private static final CalciteConnectionConfig CONFIG = CalciteConnectionConfig.DEFAULT
      .set(CalciteConnectionProperty.CASE_SENSITIVE, "false");

  private MaskExpression() {
  }

  static RexNode convert(RexBuilder rex, RexNode column, String columnName, Mask mask) {
    RelDataTypeFactory types = rex.getTypeFactory();
    CalciteCatalogReader reader = new CalciteCatalogReader(CalciteSchema.createRootSchema(false), List.of(), types,
        CONFIG);
    SqlValidator validator = SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), reader, types,
        SqlValidator.Config.DEFAULT);
    SqlNode parsed = parse(mask);
    OnlyTheColumn check = new OnlyTheColumn(validator, mask);
    parsed.accept(check);
    SqlNode validated;
    try {
      validated = validator.validateParameterizedExpression(parsed, Map.of(COLUMN, column.getType()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("mask expression of policy '" + mask.policy() + "' does not apply to column "
          + columnName + " of type " + column.getType() + ": " + firstLine(e.getMessage()), e);
    }
    validated.accept(check); // operators are resolved now, so every aggregate shows
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), rex);
    SqlToRelConverter converter = new SqlToRelConverter(null, validator, reader, cluster,
        StandardConvertletTable.INSTANCE, SqlToRelConverter.config());
    return converter.convertExpression(validated, Map.of(COLUMN, column));
  }

  private static SqlNode parse(Mask mask) {
    String sql = mask.expression().replace(COLUMN, '"' + COLUMN + '"');
    try {
      return SqlParser.create(sql, PARSER).parseExpression();
    } catch (SqlParseException e) {
      throw new IllegalArgumentException("mask expression of policy '" + mask.policy() + "' does not parse: "
          + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Refuses anything that could read more than the column's value: other names, queries, parameters, aggregates. */
  private static final class OnlyTheColumn extends SqlBasicVisitor<Void> {
    private final SqlValidator validator;
    private final Mask mask;

    OnlyTheColumn(SqlValidator validator, Mask mask) {
      this.validator = validator;
      this.mask = mask;
    }

    @Override
    public Void visit(SqlIdentifier id) {
      // CURRENT_DATE and its kind parse as identifiers but are functions
      if (!id.isSimple() || !id.getSimple().equals(COLUMN) && validator.makeNullaryCall(id) == null) {
        throw refused("found " + id);
      }
      return null;
    }

    @Override
    public Void visit(SqlDynamicParam param) {
      throw refused("found a parameter");
    }

    @Override
    public Void visit(SqlCall call) {
      if (call.getKind().belongsTo(SqlKind.QUERY)) {
        throw refused("found a subquery");
      }
      if (call.getOperator().isAggregator() || call.getKind() == SqlKind.OVER) {
        throw refused("found " + call.getOperator().getName() + ", which reads other rows");
      }
      return super.visit(call);
    }

    private IllegalArgumentException refused(String what) {
      return new IllegalArgumentException("mask expression of policy '" + mask.policy()
          + "' may only name {column}: " + what);
    }
  }
}
