package dev.meshkit.planner.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.type.CompositeOperandTypeChecker;
import org.apache.calcite.sql.type.ImplicitCastOperandTypeChecker;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit conversions, but text is a number only where it is written as a literal, as in
 * PostgreSQL: {@code '12' + 1} is 13, while arithmetic or a numeric function on a text column
 * ({@code +col}, {@code col * 2}, {@code ABS(col)}) is refused when the statement is validated
 * ("Cannot apply '+' to arguments of type ..."), instead of failing on the first value that is not
 * a number, or on none, depending on the rows and on which source evaluates it.
 *
 * <p>An argument of an aggregate or window function, or an operand of any other function or operator,
 * that has no type of its own (a NULL literal, a CASE of NULLs) takes the type PostgreSQL resolves
 * it to ({@link #typeUntypedArguments}, {@link #typeUntypedOperands}).
 */
public final class MeshTypeCoercion extends TypeCoercionImpl {

  public MeshTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override
  public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    for (int i = 0; i < binding.getOperandCount(); i++) {
      if (textValue(binding, i)) {
        return false;
      }
    }
    return super.binaryArithmeticCoercion(binding);
  }

  @Override
  public boolean builtinFunctionCoercion(SqlCallBinding binding, List<RelDataType> operandTypes,
      List<SqlTypeFamily> expectedFamilies) {
    for (int i = 0; i < operandTypes.size(); i++) {
      if (numeric(expectedFamilies.get(i)) && textValue(binding, i)) {
        return false;
      }
    }
    return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
  }

  /**
   * Casts each argument of the aggregate {@code call} whose type is NULL to the type PostgreSQL
   * gives an unknown-typed argument: the one type the function takes where it takes a single kind
   * (DOUBLE, PostgreSQL's preferred number, for STDDEV or VAR_POP; BOOLEAN for EVERY), and text
   * where it takes any (MIN, MAX, COUNT, FIRST_VALUE). Calcite would keep the type NULL, for which
   * it generates no code. SUM and AVG of such an argument are refused, as PostgreSQL finds them
   * ambiguous and H2 refuses them too.
   */
  public void typeUntypedArguments(SqlValidatorScope scope, SqlCall call) {
    SqlValidatorScope operandScope = scope.getOperandScope(call);
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode operand = operands.get(i);
      if (operand == null || operand instanceof SqlIdentifier identifier && identifier.isStar()
          || validator.deriveType(operandScope, operand).getSqlTypeName() != SqlTypeName.NULL) {
        continue;
      }
      if (call.getKind() == SqlKind.SUM || call.getKind() == SqlKind.SUM0 || call.getKind() == SqlKind.AVG) {
        throw new SqlCallBinding(validator, scope, call).newValidationSignatureError();
      }
      coerceOperandType(operandScope, call, i, typeOfUntyped(call, i));
    }
  }

  private RelDataType typeOfUntyped(SqlCall call, int operand) {
    SqlTypeFamily family = call.getOperator().getOperandTypeChecker() instanceof ImplicitCastOperandTypeChecker checker
        ? checker.getOperandSqlTypeFamily(operand) : null;
    RelDataType type = family == null ? null : preferred(family);
    return type == null ? factory.createSqlType(SqlTypeName.VARCHAR) : type;
  }

  /**
   * Casts each operand of the function or operator {@code call} whose type is NULL ({@code MOD(b, NULL)},
   * {@code ABS(NULL)}, {@code x = NULL}) to a real type, as PostgreSQL resolves an unknown-typed
   * operand: the type of the operands it shares a parameter type with (in {@code MOD(b, NULL)}, b's),
   * else the preferred type of the parameter (DOUBLE for a number); for an operator that takes any
   * types (a comparison), the other operand's type, or text where both are unknown ({@code NULL = NULL}). Calcite would keep the type
   * NULL, which some functions pass on to their result, and for which it generates no code. An
   * operand whose type none of these decide keeps Calcite's typing.
   */
  public void typeUntypedOperands(SqlValidatorScope scope, SqlCall call) {
    SqlValidatorScope operandScope = scope.getOperandScope(call);
    List<SqlNode> operands = call.getOperandList();
    RelDataType[] types = new RelDataType[operands.size()];
    boolean untyped = false;
    for (int i = 0; i < types.length; i++) {
      if (valueOperand(operands.get(i))) {
        types[i] = validator.deriveType(operandScope, operands.get(i));
        untyped |= types[i].getSqlTypeName() == SqlTypeName.NULL;
      }
    }
    if (!untyped) {
      return;
    }
    List<SqlTypeFamily> families = families(call.getOperator().getOperandTypeChecker(), types);
    if (families == null && !(call.getOperator() instanceof SqlBinaryOperator)) {
      // A function that checks its operands its own way (SUBSTRING): its parameters' types are unknown here.
      return;
    }
    for (int i = 0; i < types.length; i++) {
      if (types[i] != null && types[i].getSqlTypeName() == SqlTypeName.NULL) {
        RelDataType type = typeOfUntypedOperand(types, families, i);
        if (type != null) {
          coerceOperandType(operandScope, call, i, type);
        }
      }
    }
  }

  /** An operand that is a value: not a list, a type, a time unit, a star or a parameter (typed by its context). */
  private static boolean valueOperand(SqlNode operand) {
    return operand != null && !(operand instanceof SqlNodeList) && !(operand instanceof SqlDataTypeSpec)
        && !(operand instanceof SqlIntervalQualifier) && !(operand instanceof SqlDynamicParam)
        && !(operand instanceof SqlIdentifier identifier && identifier.isStar());
  }

  /**
   * The parameter types of the operator's first signature that takes every typed operand, or null
   * where its signatures are not given as type families (comparisons take any two comparable types).
   */
  private static List<SqlTypeFamily> families(SqlOperandTypeChecker checker, RelDataType[] types) {
    for (SqlOperandTypeChecker signature : signatures(checker).toList()) {
      if (!(signature instanceof ImplicitCastOperandTypeChecker familyChecker)
          || signature.getOperandCountRange().getMax() < types.length) {
        continue;
      }
      List<SqlTypeFamily> families = IntStream.range(0, types.length)
          .mapToObj(familyChecker::getOperandSqlTypeFamily).toList();
      if (IntStream.range(0, types.length).allMatch(i -> types[i] == null
          || types[i].getSqlTypeName() == SqlTypeName.NULL || families.get(i).contains(types[i]))) {
        return families;
      }
    }
    return null;
  }

  /** The checkers a composite checker consists of, at any depth (ROUND's is NUMERIC or (NUMERIC, INTEGER)). */
  private static Stream<SqlOperandTypeChecker> signatures(SqlOperandTypeChecker checker) {
    return checker instanceof CompositeOperandTypeChecker composite
        ? composite.getRules().stream().flatMap(MeshTypeCoercion::signatures) : Stream.ofNullable(checker);
  }

  private RelDataType typeOfUntypedOperand(RelDataType[] types, List<SqlTypeFamily> families, int operand) {
    List<RelDataType> peers = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] != null && types[i].getSqlTypeName() != SqlTypeName.NULL
          && (families == null || families.get(i) == families.get(operand))) {
        peers.add(types[i]);
      }
    }
    RelDataType common = peers.isEmpty() ? null : factory.leastRestrictive(peers);
    if (common != null || !peers.isEmpty()) {
      return common;
    }
    return families == null ? factory.createSqlType(SqlTypeName.VARCHAR) : preferred(families.get(operand));
  }

  /**
   * PostgreSQL's preferred type of a kind of parameter: DOUBLE for any number, INTEGER for a whole
   * one (Calcite's default would be a DECIMAL); null where the kind has none.
   */
  private RelDataType preferred(SqlTypeFamily family) {
    return switch (family) {
      case NUMERIC, APPROXIMATE_NUMERIC -> factory.createSqlType(SqlTypeName.DOUBLE);
      case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
      default -> family.getDefaultConcreteType(factory);
    };
  }

  /** A character operand that is not a literal: a column, a parameter or an expression. */
  private static boolean textValue(SqlCallBinding binding, int operand) {
    SqlNode node = binding.operand(operand);
    return SqlTypeUtil.isCharacter(binding.getOperandType(operand)) && !(node instanceof SqlLiteral);
  }

  private static boolean numeric(SqlTypeFamily family) {
    return switch (family) {
      case NUMERIC, INTEGER, EXACT_NUMERIC, APPROXIMATE_NUMERIC, DECIMAL -> true;
      default -> false;
    };
  }
}
