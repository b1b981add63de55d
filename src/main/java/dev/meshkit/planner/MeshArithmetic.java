package dev.meshkit.planner;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Arithmetic as PostgreSQL does it, the same whether a source or the JVM computes it.
 *
 * <p>Sources do not agree with each other on everything: MariaDB's {@code /} never divides
 * integers, a SUM has a different type in each database (so a quotient of sums does too), each keeps
 * its own number of fraction digits in a decimal quotient, H2 rounds a DOUBLE cast to an integer
 * half up and PostgreSQL half to even, and MariaDB reads {@code '1.5'} as the integer 1. Those
 * operations stay out of the statements sources receive ({@link #differsInSources}): divisions,
 * remainders, casts of text to anything but text, casts of floating-point numbers to integers,
 * casts to a DECIMAL that a value may not fit, EXTRACT of a part other than the year, quarter,
 * month, day, hour or minute, truncation of a date or time to a unit, and intervals computed from
 * columns (a difference of dates, an interval times a number).
 *
 * <p>Calcite's generated code does not agree with PostgreSQL either: integer arithmetic wraps
 * around on overflow, a decimal quotient keeps 16 significant digits whatever its type's scale, a
 * floating-point division by zero is infinity, and a cast to fewer fraction digits truncates. What
 * runs in the JVM is rewritten ({@link #rewrite}): integer arithmetic is checked (22003 on
 * overflow), a decimal quotient is exact to its type's scale, rounded half away from zero, a
 * floating-point division by zero fails (22012), and casts round half away from zero (half to even
 * from floating point to integer).
 */
final class MeshArithmetic {

  /** {@link Arithmetic#divide(java.math.BigDecimal, java.math.BigDecimal, int)}, to the call type's scale. */
  static final SqlFunction DIVIDE_DECIMAL = operator("DIVIDE_DECIMAL",
      (call, operands) -> Expressions.call(Arithmetic.class, "divide", operands.get(0), operands.get(1),
          Expressions.constant(call.getType().getScale())));

  /** {@link Arithmetic#divide(double, double)}. */
  static final SqlFunction DIVIDE_DOUBLE = operator("DIVIDE_DOUBLE",
      (call, operands) -> Expressions.call(Arithmetic.class, "divide", operands.get(0), operands.get(1)));

  /** {@link Arithmetic#round}, to the call type's scale, from a DECIMAL or a DOUBLE. */
  static final SqlFunction ROUND_HALF_UP = operator("ROUND_HALF_UP",
      (call, operands) -> Expressions.call(Arithmetic.class, "round", operands.get(0),
          Expressions.constant(call.getType().getScale())));

  /** {@link Arithmetic#rint}. */
  static final SqlFunction ROUND_HALF_EVEN = operator("ROUND_HALF_EVEN",
      (call, operands) -> Expressions.call(Arithmetic.class, "rint", operands.get(0)));

  /** {@link Arithmetic#key}: one form for equal values, to the call type's scale for decimals. */
  static final SqlFunction EQUAL_KEY = operator("EQUAL_KEY",
      (call, operands) -> SqlTypeUtil.isDecimal(call.getType())
          ? Expressions.call(Arithmetic.class, "key", operands.get(0), Expressions.constant(call.getType().getScale()))
          : Expressions.call(Arithmetic.class, "key", operands.get(0)));

  /** Parts of a date that Calcite computes from the day number, the ones {@link #datePart} takes. */
  private static final Set<TimeUnitRange> DATE_PARTS = EnumSet.of(TimeUnitRange.MILLENNIUM, TimeUnitRange.CENTURY,
      TimeUnitRange.DECADE, TimeUnitRange.YEAR, TimeUnitRange.ISOYEAR, TimeUnitRange.QUARTER, TimeUnitRange.MONTH,
      TimeUnitRange.WEEK, TimeUnitRange.DAY, TimeUnitRange.DOW, TimeUnitRange.ISODOW, TimeUnitRange.DOY);

  /**
   * Parts of a date or time every database extracts alike. The others differ: the day of the week
   * counts from 0 in PostgreSQL and from 1 in H2 and MariaDB, H2's week is not the ISO week, and
   * MariaDB has no ISODOW; so the JVM extracts them, as PostgreSQL does.
   */
  private static final Set<TimeUnitRange> SHARED_PARTS = EnumSet.of(TimeUnitRange.YEAR, TimeUnitRange.QUARTER,
      TimeUnitRange.MONTH, TimeUnitRange.DAY, TimeUnitRange.HOUR, TimeUnitRange.MINUTE);

  /** One operator per part, which takes the date alone (see {@link #datePart}). */
  private static final Map<TimeUnitRange, SqlFunction> DATE_PART_OPERATORS = new EnumMap<>(TimeUnitRange.class);

  static {
    for (TimeUnitRange part : DATE_PARTS) {
      DATE_PART_OPERATORS.put(part, operator("EXTRACT_" + part.name(), (call, operands) -> {
        Expression day = call.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.DATE ? operands.get(0)
            : Expressions.call(BuiltInMethod.FLOOR_DIV.method, operands.get(0),
                Expressions.constant(TimeUnit.DAY.multiplier.longValue()));
        Expression value = Expressions.call(BuiltInMethod.UNIX_DATE_EXTRACT.method, Expressions.constant(part), day);
        // PostgreSQL numbers the days of the week from 0, Sunday; Calcite from 1.
        return part == TimeUnitRange.DOW ? Expressions.subtract(value, Expressions.constant(1L)) : value;
      }));
    }
  }

  private MeshArithmetic() {
  }

  /** Whether an operator computes something a source may compute otherwise than the JVM does. */
  static boolean differsInSources(RelNode rel) {
    return RexSearch.anyCall(rel, MeshArithmetic::differs);
  }

  private static boolean differs(RexCall call) {
    return switch (call.getKind()) {
      case DIVIDE, CHECKED_DIVIDE, MOD -> true;
      case EXTRACT -> !(call.getOperands().get(0) instanceof RexLiteral literal
          && literal.getValue() instanceof TimeUnitRange part && SHARED_PARTS.contains(part));
      // Truncation to a unit is DATE_TRUNC in PostgreSQL and DATE_FORMAT in MariaDB, and H2 has none.
      case FLOOR, CEIL -> SqlTypeUtil.isDatetime(call.getOperands().get(0).getType());
      case TIMESTAMP_ADD, TIMESTAMP_DIFF -> true;
      case CAST -> {
        RelDataType from = call.getOperands().get(0).getType();
        RelDataType to = call.getType();
        yield SqlTypeUtil.isCharacter(from) && !SqlTypeUtil.isCharacter(to)
            || SqlTypeUtil.isApproximateNumeric(from) && SqlTypeUtil.isIntType(to)
            || mayOverflow(from, to);
      }
      // An interval computed from columns: PostgreSQL's date - date is an integer, MariaDB's a
      // difference of the numbers YYYYMMDD, and MariaDB cannot multiply an interval. A date plus
      // or minus an interval literal reads alike everywhere, and goes to the source.
      default -> SqlTypeUtil.isInterval(call.getType());
    };
  }

  /**
   * Whether a cast to DECIMAL may meet a value with more integer digits than it holds: MariaDB then
   * gives the type's largest value with a warning, where PostgreSQL and meshkit fail (22003).
   */
  private static boolean mayOverflow(RelDataType from, RelDataType to) {
    if (!SqlTypeUtil.isDecimal(to) || !SqlTypeUtil.isNumeric(from)) {
      return false;
    }
    int digits = switch (from.getSqlTypeName()) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case DECIMAL -> from.getPrecision() - from.getScale();
      default -> Integer.MAX_VALUE;
    };
    return digits > to.getPrecision() - to.getScale();
  }

  /**
   * The plan with window functions rewritten where Calcite's generated code does not compute them
   * as PostgreSQL does, or at all:
   * <ul>
   *   <li>a windowed {@code AVG} of exact numbers is a quotient of its windowed SUM and COUNT, as
   *       {@code AVG} itself becomes one as an aggregate: Calcite's window average keeps 16
   *       significant digits, whatever the scale of its type;</li>
   *   <li>{@code NTILE(t)} gives the first {@code n % t} tiles one row more than the others, as the
   *       SQL standard says; Calcite's spreads the larger tiles among the smaller ones;</li>
   *   <li>{@code PERCENT_RANK} and {@code CUME_DIST}, for which Calcite has no implementation, are
   *       computed from RANK and COUNT.</li>
   * </ul>
   */
  static RelNode reduceWindowFunctions(RelNode plan) {
    RexBuilder rex = plan.getCluster().getRexBuilder();
    RexShuttle functions = new RexShuttle() {
      @Override
      public RexNode visitOver(RexOver over) {
        RexOver visited = (RexOver) super.visitOver(over);
        return switch (visited.getAggOperator().getKind()) {
          case AVG -> SqlTypeUtil.isDecimal(visited.getType()) ? average(rex, visited) : visited;
          case NTILE -> tile(rex, visited);
          case PERCENT_RANK -> percentRank(rex, visited);
          case CUME_DIST -> cumulativeDistribution(rex, visited);
          default -> visited;
        };
      }
    };
    return plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return visited instanceof Project project && project.containsOver() ? project.accept(functions) : visited;
      }
    });
  }

  private static RexNode average(RexBuilder rex, RexOver avg) {
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType sumType = types.createTypeWithNullability(
        types.getTypeSystem().deriveSumType(types, avg.getOperands().get(0).getType()), true);
    RexNode sum = over(rex, avg, SqlStdOperatorTable.SUM, sumType);
    RexNode count = over(rex, avg, SqlStdOperatorTable.COUNT, types.createSqlType(SqlTypeName.BIGINT));
    return rex.makeCall(avg.getType(), SqlStdOperatorTable.DIVIDE, List.of(rex.makeCast(avg.getType(), sum), count));
  }

  /**
   * With n rows in the partition, q = n / t and r = n % t, the row at 0-based position i is in tile
   * i / (q + 1) + 1 among the first r * (q + 1) rows, and r + (i - r * (q + 1)) / q + 1 after them.
   */
  private static RexNode tile(RexBuilder rex, RexOver ntile) {
    RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
    RexNode one = rex.makeBigintLiteral(BigDecimal.ONE);
    RexNode tiles = rex.makeCast(bigint, ntile.getOperands().get(0));
    RexNode position = minus(rex, ordinal(rex, ntile, SqlStdOperatorTable.ROW_NUMBER), one);
    RexNode rows = partitionRows(rex, ntile);
    RexNode perTile = divide(rex, rows, tiles);
    RexNode larger = rex.makeCall(SqlStdOperatorTable.MOD, rows, tiles);
    RexNode inLarger = rex.makeCall(SqlStdOperatorTable.MULTIPLY, larger, plus(rex, perTile, one));
    RexNode tile = rex.makeCall(SqlStdOperatorTable.CASE,
        rex.makeCall(SqlStdOperatorTable.LESS_THAN, position, inLarger),
        plus(rex, divide(rex, position, plus(rex, perTile, one)), one),
        plus(rex, plus(rex, larger, divide(rex, minus(rex, position, inLarger), perTile)), one));
    return rex.makeCast(ntile.getType(), tile, true, false);
  }

  /** (RANK - 1) / (n - 1), or 0 in a partition of one row. */
  private static RexNode percentRank(RexBuilder rex, RexOver percentRank) {
    RexNode one = rex.makeBigintLiteral(BigDecimal.ONE);
    RexNode rows = partitionRows(rex, percentRank);
    RexNode rank = minus(rex, ordinal(rex, percentRank, SqlStdOperatorTable.RANK), one);
    return rex.makeCall(SqlStdOperatorTable.CASE,
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN, rows, one),
        rex.makeCall(percentRank.getType(), SqlStdOperatorTable.DIVIDE,
            List.of(rex.makeCast(percentRank.getType(), rank), minus(rex, rows, one))),
        rex.makeZeroLiteral(percentRank.getType()));
  }

  /** The rows up to the current row's last peer, over the rows of the partition. */
  private static RexNode cumulativeDistribution(RexBuilder rex, RexOver cumeDist) {
    RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
    RexWindow window = cumeDist.getWindow();
    RexNode upToPeers = rex.makeOver(cumeDist.getParserPosition(), bigint, SqlStdOperatorTable.COUNT, List.of(),
        window.partitionKeys, window.orderKeys, RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW,
        RexWindowExclusion.EXCLUDE_NO_OTHER, false, true, false, false, false);
    return rex.makeCall(cumeDist.getType(), SqlStdOperatorTable.DIVIDE,
        List.of(rex.makeCast(cumeDist.getType(), upToPeers), partitionRows(rex, cumeDist)));
  }

  /** A ranking function (ROW_NUMBER, RANK) over the window of {@code over}. */
  private static RexNode ordinal(RexBuilder rex, RexOver over, SqlAggFunction ranking) {
    RexWindow window = over.getWindow();
    return rex.makeOver(over.getParserPosition(), rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT), ranking,
        List.of(), window.partitionKeys, window.orderKeys, RexWindowBounds.UNBOUNDED_PRECEDING,
        RexWindowBounds.CURRENT_ROW, RexWindowExclusion.EXCLUDE_NO_OTHER, true, true, false, false, false);
  }

  /** The number of rows in the partition of {@code over}. */
  private static RexNode partitionRows(RexBuilder rex, RexOver over) {
    return rex.makeOver(over.getParserPosition(), rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT),
        SqlStdOperatorTable.COUNT, List.of(), over.getWindow().partitionKeys, ImmutableList.of(),
        RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.UNBOUNDED_FOLLOWING, RexWindowExclusion.EXCLUDE_NO_OTHER,
        true, true, false, false, false);
  }

  private static RexNode plus(RexBuilder rex, RexNode a, RexNode b) {
    return rex.makeCall(SqlStdOperatorTable.PLUS, a, b);
  }

  private static RexNode minus(RexBuilder rex, RexNode a, RexNode b) {
    return rex.makeCall(SqlStdOperatorTable.MINUS, a, b);
  }

  private static RexNode divide(RexBuilder rex, RexNode a, RexNode b) {
    return rex.makeCall(SqlStdOperatorTable.DIVIDE, a, b);
  }

  /** Another aggregate over the same operands and window. */
  private static RexNode over(RexBuilder rex, RexOver over, SqlAggFunction aggregate, RelDataType type) {
    RexWindow window = over.getWindow();
    return rex.makeOver(over.getParserPosition(), type, aggregate, over.getOperands(), window.partitionKeys,
        window.orderKeys, window.getLowerBound(), window.getUpperBound(), window.getExclude(), window.isRows(),
        true, false, over.isDistinct(), over.ignoreNulls());
  }

  /**
   * The plan with what the JVM computes rewritten to PostgreSQL's semantics. What a source computes
   * ({@link SourceStatement} and everything beneath it) stays as it is.
   */
  static RelNode rewrite(RelNode plan) {
    if (plan instanceof JdbcRel) {
      return plan;
    }
    PostgresExpressions expressions = new PostgresExpressions(plan.getCluster().getRexBuilder());
    return plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        if (other instanceof SourceStatement || other instanceof JdbcRel) {
          return other;
        }
        if (other instanceof LogicalAggregate aggregate) {
          return exactSums((LogicalAggregate) super.visit((RelNode) aggregate));
        }
        if (other instanceof Bindables.BindableTableScan scan && !scan.filters.isEmpty()) {
          // A file table's scan evaluates the filters it is given, in the JVM too.
          List<RexNode> filters = expressions.apply(scan.filters);
          return filters.equals(scan.filters) ? scan
              : Bindables.BindableTableScan.create(scan.getCluster(), scan.getTable(), filters, scan.projects);
        }
        return super.visit(other).accept(expressions);
      }
    });
  }

  /**
   * The aggregate with each SUM of BIGINTs computed as a DECIMAL and cast back, which fails on
   * overflow where Calcite's sum of longs wraps around.
   */
  private static RelNode exactSums(LogicalAggregate aggregate) {
    RelNode input = aggregate.getInput();
    RexBuilder rex = aggregate.getCluster().getRexBuilder();
    RelDataTypeFactory types = rex.getTypeFactory();
    List<RexNode> inputs = new ArrayList<>(rex.identityProjects(input.getRowType()));
    List<AggregateCall> calls = new ArrayList<>();
    List<Integer> widened = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      if ((kind == SqlKind.SUM || kind == SqlKind.SUM0) && call.getArgList().size() == 1
          && call.getType().getSqlTypeName() == SqlTypeName.BIGINT) {
        RexNode argument = inputs.get(call.getArgList().get(0));
        inputs.add(rex.makeCast(types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, 19, 0),
            argument.getType().isNullable()), argument));
        RelDataType sum = types.createTypeWithNullability(
            types.createSqlType(SqlTypeName.DECIMAL, types.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL), 0),
            call.getType().isNullable());
        calls.add(AggregateCall.create(call.getParserPosition(), call.getAggregation(), call.isDistinct(),
            call.isApproximate(), call.ignoreNulls(), call.rexList, List.of(inputs.size() - 1), call.filterArg,
            call.distinctKeys, call.collation, aggregate.hasEmptyGroup(), input, sum, call.name));
        widened.add(aggregate.getGroupCount() + calls.size() - 1);
      } else {
        calls.add(call);
      }
    }
    if (widened.isEmpty()) {
      return aggregate;
    }
    RelNode decimals = LogicalProject.create(input, List.of(), inputs, (List<String>) null, Set.of());
    RelNode summed = aggregate.copy(aggregate.getTraitSet(), decimals, aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls);
    List<RexNode> outputs = new ArrayList<>(rex.identityProjects(summed.getRowType()));
    for (int i : widened) {
      outputs.set(i, rex.makeCast(aggregate.getRowType().getFieldList().get(i).getType(), outputs.get(i)));
    }
    return LogicalProject.create(summed, List.of(), outputs, aggregate.getRowType().getFieldNames(), Set.of());
  }

  private static final class PostgresExpressions extends RexShuttle {
    private final RexBuilder rex;
    private final RelDataTypeFactory types;

    PostgresExpressions(RexBuilder rex) {
      this.rex = rex;
      this.types = rex.getTypeFactory();
    }

    @Override
    public RexNode visitCall(RexCall original) {
      RexCall call = (RexCall) super.visitCall(original);
      RelDataType type = call.getType();
      List<RexNode> operands = call.getOperands();
      switch (call.getKind()) {
        case PLUS, MINUS, TIMES, MINUS_PREFIX:
          return SqlTypeUtil.isIntType(type) && operands.stream().allMatch(o -> SqlTypeUtil.isIntType(o.getType()))
              ? rex.makeCall(type, checked(call.getKind()), operands) : call;
        case DIVIDE:
          return divide(call, type, operands);
        case CAST:
          return cast(call, type, operands.get(0));
        case EXTRACT:
          return datePart(call, type, operands);
        default:
          return call;
      }
    }

    private RexNode divide(RexCall call, RelDataType type, List<RexNode> operands) {
      if (SqlTypeUtil.isIntType(type)) {
        return rex.makeCall(type, SqlStdOperatorTable.CHECKED_DIVIDE, operands);
      }
      if (SqlTypeUtil.isDecimal(type)) {
        return rex.makeCall(type, DIVIDE_DECIMAL, operands.stream().map(o -> asDecimal(o)).toList());
      }
      if (SqlTypeUtil.isApproximateNumeric(type)) {
        RelDataType doubles = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), type.isNullable());
        RexNode quotient = rex.makeCall(doubles, DIVIDE_DOUBLE, operands.stream().map(o -> as(o, SqlTypeName.DOUBLE)).toList());
        return type.getSqlTypeName() == SqlTypeName.DOUBLE ? quotient : rex.makeCast(type, quotient);
      }
      return call; // intervals
    }

    /**
     * EXTRACT of a part of a DATE or TIMESTAMP as an operator of the part that takes the value
     * alone: Calcite's code for EXTRACT reads the part from a literal operand, and a program that
     * shares that literal between two EXTRACTs, one of them under a CASE, hands it a variable
     * instead (a NullPointerException).
     */
    private RexNode datePart(RexCall call, RelDataType type, List<RexNode> operands) {
      SqlTypeName from = operands.get(1).getType().getSqlTypeName();
      if (!(operands.get(0) instanceof RexLiteral literal) || !(literal.getValue() instanceof TimeUnitRange part)
          || !DATE_PARTS.contains(part) || from != SqlTypeName.DATE && from != SqlTypeName.TIMESTAMP) {
        return call;
      }
      return rex.makeCall(type, DATE_PART_OPERATORS.get(part), List.of(operands.get(1)));
    }

    /** Casts that drop fraction digits round them, rather than truncate. */
    private RexNode cast(RexCall call, RelDataType type, RexNode operand) {
      RelDataType from = operand.getType();
      boolean approximate = SqlTypeUtil.isApproximateNumeric(from);
      if (!approximate && !SqlTypeUtil.isDecimal(from) || operand instanceof RexLiteral) {
        return call;
      }
      if (SqlTypeUtil.isIntType(type)) {
        RexNode rounded = approximate
            ? rex.makeCall(types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), from.isNullable()),
                ROUND_HALF_EVEN, List.of(as(operand, SqlTypeName.DOUBLE)))
            : rex.makeCall(decimal(from.getPrecision(), 0, from), ROUND_HALF_UP, List.of(operand));
        return rex.makeCast(type, rounded);
      }
      if (SqlTypeUtil.isDecimal(type) && (approximate || from.getScale() > type.getScale())) {
        RexNode value = approximate ? as(operand, SqlTypeName.DOUBLE) : operand;
        int precision = approximate ? types.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL) : from.getPrecision();
        return rex.makeCast(type, rex.makeCall(decimal(precision, type.getScale(), from), ROUND_HALF_UP, List.of(value)));
      }
      return call;
    }

    private RelDataType decimal(int precision, int scale, RelDataType nullability) {
      return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, precision, scale),
          nullability.isNullable());
    }

    private RexNode asDecimal(RexNode operand) {
      RelDataType type = operand.getType();
      return SqlTypeUtil.isDecimal(type) ? operand
          : rex.makeCast(types.createTypeWithNullability(types.decimalOf(type), type.isNullable()), operand);
    }

    private RexNode as(RexNode operand, SqlTypeName name) {
      RelDataType type = operand.getType();
      return type.getSqlTypeName() == name ? operand
          : rex.makeCast(types.createTypeWithNullability(types.createSqlType(name), type.isNullable()), operand);
    }

    private static SqlOperator checked(SqlKind kind) {
      return switch (kind) {
        case PLUS -> SqlStdOperatorTable.CHECKED_PLUS;
        case MINUS -> SqlStdOperatorTable.CHECKED_MINUS;
        case TIMES -> SqlStdOperatorTable.CHECKED_MULTIPLY;
        default -> SqlStdOperatorTable.CHECKED_UNARY_MINUS;
      };
    }
  }

  /** How one of these operators becomes Java: its operands, already evaluated and not null, to an expression. */
  private interface Implementation {
    Expression implement(RexCall call, List<Expression> operands);
  }

  /**
   * An operator no SQL can name (it is in no operator table), run by the JVM only: the JDBC adapter
   * never pushes a user-defined function into a source.
   */
  private static SqlFunction operator(String name, Implementation implementation) {
    CallImplementor implementor = RexImpTable.createImplementor(
        (translator, call, operands) -> implementation.implement(call, operands), NullPolicy.STRICT, false);
    Function function = new Function(implementor);
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE, null, null, function);
  }

  /** The implementation behind an operator; its calls are always made with their type, so none is derived here. */
  private record Function(CallImplementor getImplementor) implements ScalarFunction, ImplementableFunction {

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      throw new UnsupportedOperationException("calls are made with their type");
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }
  }
}
