package dev.meshkit.trino;

import dev.meshkit.engine.ProductCompiler;
import dev.meshkit.masking.Masking;
import dev.meshkit.model.BuiltInMask;
import dev.meshkit.policy.ColumnMask;
import dev.meshkit.policy.Mask;
import dev.meshkit.policy.RowFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Row filters and masks as Trino's file-based access control writes them: SQL over the view's
 * columns, with a principal's attribute values bound as typed literals (Trino's rules know no
 * attributes), and masks cast to exactly the column's type (Trino refuses any other).
 */
final class PolicyTranslation {

  private static final String SELF = "product";
  private static final String COLUMN = "{column}";

  private PolicyTranslation() {
  }

  /**
   * Every row filter of one decision, ANDed, with values bound; {@code false} for a filter whose
   * attribute the principal lacks, as meshkit shows them no rows.
   */
  static String filter(List<RowFilter> filters, RelDataType rowType) throws Untranslatable {
    List<String> conditions = new ArrayList<>();
    for (RowFilter filter : filters) {
      conditions.add(filter.unsatisfiable() ? "false" : bind(filter, rowType));
    }
    return conditions.size() == 1 ? conditions.get(0)
        : String.join(" AND ", conditions.stream().map(c -> "(" + c + ")").toList());
  }

  private static String bind(RowFilter filter, RelDataType rowType) throws Untranslatable {
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    SqlSelect select = new SqlSelect(SqlParserPos.ZERO, null, SqlNodeList.of(SqlIdentifier.star(SqlParserPos.ZERO)),
        new SqlIdentifier(SELF, SqlParserPos.ZERO), parse(filter), null, null, null, null, null, null, null, null);
    SqlValidator validator = SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), reader(rowType, types),
        types, SqlValidator.Config.DEFAULT);
    try {
      validator.validate(select);
    } catch (RuntimeException e) {
      throw new Untranslatable("its predicate does not validate over the product's columns");
    }
    Map<Integer, RelDataType> parameterTypes = new HashMap<>();
    select.getWhere().accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        parameterTypes.put(param.getIndex(), validator.getValidatedNodeType(param));
        return null;
      }
    });
    // A fresh tree: validation may have qualified the names, which Trino's filter must not carry.
    SqlNode bound = parse(filter).accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlDynamicParam param) {
        return literal(filter.values().get(param.getIndex()), parameterTypes.get(param.getIndex()));
      }
    });
    return TrinoSql.unparse(bound);
  }

  private static SqlNode parse(RowFilter filter) throws Untranslatable {
    try {
      return SqlParser.create(filter.predicateWithPlaceholders(), ProductCompiler.PARSER).parseExpression();
    } catch (SqlParseException e) {
      throw new Untranslatable("its predicate does not parse");
    }
  }

  /** A value as a literal of the type its comparison needs: text stays text, numbers are numbers, the rest a cast. */
  private static SqlNode literal(String value, RelDataType type) {
    SqlParserPos zero = SqlParserPos.ZERO;
    SqlNode text = SqlLiteral.createCharString(value, zero);
    if (type == null || SqlTypeUtil.isCharacter(type)) {
      return text;
    }
    if (SqlTypeUtil.isNumeric(type)) {
      try {
        return SqlLiteral.createExactNumeric(new BigDecimal(value.strip()).toPlainString(), zero);
      } catch (NumberFormatException e) {
        // Not a number: the cast below fails in Trino as it fails in meshkit.
      }
    }
    return SqlStdOperatorTable.CAST.createCall(zero, text, SqlTypeUtil.convertTypeToSpec(type));
  }

  /**
   * The Trino expression of a mask over one column, of exactly the column's Trino type.
   *
   * @param trinoType the column's type as the view declares it
   */
  static String mask(ColumnMask mask, RelDataType columnType, String trinoType) throws Untranslatable {
    String column = TrinoSql.identifier(mask.column().toLowerCase(Locale.ROOT));
    if (mask.expression() != null) {
      return "CAST(" + expression(mask, columnType, column) + " AS " + trinoType + ")";
    }
    BuiltInMask builtIn = BuiltInMask.named(mask.with()).orElseThrow();
    if (builtIn.resultType() == BuiltInMask.ResultType.VARCHAR && !TrinoTypes.isText(columnType)) {
      throw new Untranslatable("mask " + mask.with() + " turns the " + columnType.getSqlTypeName()
          + " column into text, and Trino keeps a masked column's type");
    }
    if (columnType.getSqlTypeName() == SqlTypeName.CHAR
        && builtIn.resultType() == BuiltInMask.ResultType.VARCHAR) {
      throw new Untranslatable("mask " + mask.with() + " over a CHAR column would pad the masked text again in Trino");
    }
    String expression = switch (builtIn) {
      case HASH -> throw new Untranslatable("mask hash needs the mesh's hash key, which Trino's rules file would"
          + " hold in clear");
      case REDACT -> "regexp_replace(regexp_replace(" + column + ", '\\p{L}', 'x'), '\\p{Nd}', 'n')";
      case LAST4 -> "CASE WHEN length(" + column + ") <= 4 THEN " + column + " ELSE lpad(substr(" + column
          + ", length(" + column + ") - 3), length(" + column + "), 'X') END";
      case FIRST4 -> "CASE WHEN length(" + column + ") <= 4 THEN " + column + " ELSE rpad(substr(" + column
          + ", 1, 4), length(" + column + "), 'X') END";
      case NULLIFY -> "NULL";
      case YEAR -> "date_trunc('year', " + column + ")";
    };
    return "CAST(" + expression + " AS " + trinoType + ")";
  }

  /** A mask expression of the column's own type family, unparsed for Trino. */
  private static String expression(ColumnMask mask, RelDataType columnType, String column) throws Untranslatable {
    RelDataType masked;
    try {
      masked = Masking.maskedType(new JavaTypeFactoryImpl(), columnType, mask.column(),
          new Mask(mask.policy(), null, mask.expression()));
    } catch (RuntimeException e) {
      throw new Untranslatable("its expression does not apply to the column");
    }
    boolean sameFamily = TrinoTypes.isText(masked) ? TrinoTypes.isText(columnType)
        : masked.getSqlTypeName() == columnType.getSqlTypeName();
    if (!sameFamily) {
      throw new Untranslatable("its expression turns the " + columnType.getSqlTypeName() + " column into "
          + masked.getSqlTypeName() + ", and Trino keeps a masked column's type");
    }
    SqlNode parsed;
    try {
      parsed = SqlParser.create(mask.expression().replace(COLUMN, '"' + COLUMN + '"'), ProductCompiler.PARSER)
          .parseExpression();
    } catch (SqlParseException e) {
      throw new Untranslatable("its expression does not parse");
    }
    String unparsed = TrinoSql.unparse(parsed.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        return id.isSimple() && id.getSimple().equals(COLUMN)
            ? new SqlIdentifier(mask.column().toLowerCase(Locale.ROOT), id.getParserPosition()) : id;
      }
    }));
    return unparsed;
  }

  private static CalciteCatalogReader reader(RelDataType rowType, RelDataTypeFactory types) {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    root.add(SELF, new AbstractTable() {
      @Override
      public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return typeFactory.copyType(rowType);
      }
    });
    return new CalciteCatalogReader(root, List.of(), (JavaTypeFactory) types,
        new CalciteConnectionConfigImpl(ProductCompiler.CONNECTION_PROPERTIES));
  }
}
