package dev.meshkit.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator, with meshkit's conversions ({@link MeshTypeCoercion}) and SQL
 * ({@link MeshConformance}), for consumers' statements and products alike. A unary plus leaves its
 * operand as it is, whatever its type, as in H2 and SQLite: Calcite would convert text to a number
 * for it, which fails on the first value that is not one.
 */
public final class MeshValidator extends SqlValidatorImpl {

  private MeshValidator(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  public static SqlValidator create(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, Config config) {
    return new MeshValidator(operators, catalogReader, typeFactory,
        config.withTypeCoercionFactory(MeshTypeCoercion::new).withConformance(MeshConformance.INSTANCE));
  }

  @Override
  protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
    SqlNode operand = node;
    while (operand instanceof SqlCall call && call.getKind() == SqlKind.PLUS_PREFIX) {
      operand = call.operand(0);
    }
    return super.performUnconditionalRewrites(operand, underFrom);
  }

  /**
   * An aggregate's arguments, windowed or not, get their types first: one of type NULL takes a real
   * type. (A window derives its aggregate's type without asking the validator.)
   */
  @Override
  public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
    SqlNode aggregate = expr.getKind() == SqlKind.OVER ? ((SqlCall) expr).operand(0) : expr;
    if (aggregate instanceof SqlCall call && call.getOperator().isAggregator()) {
      ((MeshTypeCoercion) getTypeCoercion()).typeUntypedArguments(scope, call);
    }
    return super.deriveType(scope, expr);
  }
}
