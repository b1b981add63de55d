package dev.meshkit.engine;

import dev.meshkit.engine.parallel.Prefetch;
import dev.meshkit.engine.parallel.StatementWorkers;
import dev.meshkit.planner.validation.MeshConformance;
import dev.meshkit.planner.MeshPrograms;
import dev.meshkit.planner.join.DependentJoins;
import dev.meshkit.planner.split.KeySplits;
import dev.meshkit.planner.MeshRexBuilder;
import dev.meshkit.planner.validation.MeshValidator;
import dev.meshkit.planner.NullFolding;
import dev.meshkit.planner.ProductScan;
import dev.meshkit.planner.SourceSql;
import dev.meshkit.source.RunningQuery;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.calcite.util.CancelFlag;

/**
 * Prepares statements for meshkit connections: refuses anything but queries, caches plans across
 * connections, and plans with {@link MeshPrograms#PROGRAM}. An EXPLAIN shows the whole plan only to
 * a principal who may see inside every product in it ({@link Session#seesInternals}); anyone else
 * gets their own operators over each product as an opaque {@link ProductScan}.
 */
public final class MeshPrepare extends CalcitePrepareImpl {

  /** Statements that change data or structure, recognised even where Calcite cannot parse them. */
  private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE",
      "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COMMENT", "RENAME");

  /** Verbs followed by the kind of object they act on, as in CREATE TABLE. */
  private static final Set<String> OBJECT_VERBS = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE");

  /** What the statement just prepared on this thread reads, for the audit event of its executions. */
  private static final ThreadLocal<List<PlanningScope.ProductRead>> LAST_READS = new ThreadLocal<>();

  /** Where the full text of failures goes, for operators; users get one sentence. */
  private static final Logger ERRORS = LoggerFactory.getLogger("meshkit.errors");

  private final PlanCache cache;
  private final StatementWorkers workers;

  /** @param workers the mesh's threads for source statements that run beside their query's others */
  public MeshPrepare(PlanCache cache, StatementWorkers workers) {
    this.cache = cache;
    this.workers = workers;
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    Session session = Session.of(context.getRootSchema());
    PlanCache.Key key = new PlanCache.Key(query.sql, context.getDefaultSchemaPath(), maxRowCount, elementType,
        session == null ? "" : session.policyFingerprint());
    PlanCache.Plan cached = cache.get(key, session == null ? 0 : session.mesh.version());
    if (cached != null) {
      LAST_READS.set(cached.reads());
      @SuppressWarnings("unchecked")
      CalciteSignature<T> signature = (CalciteSignature<T>) cached.signature();
      return rebind(signature, context.getRootSchema());
    }
    PlanningScope scope = PlanningScope.open();
    try {
      // Inside the try: a statement nested too deeply can overflow the parser here already.
      if (check(query.sql) && session != null) {
        scope = PlanningScope.openExplain(session::seesInternals);
      }
      CalciteSignature<T> signature = guard(super.prepareSql(context, query, elementType, maxRowCount),
          () -> cache.invalidate(key));
      List<PlanningScope.ProductRead> reads = scope.reads();
      if (scope.hidesInsides()) {
        // Planned again with every product opaque: this principal may not see inside one of them.
        PlanningScope.openOpaque();
        signature = super.prepareSql(context, query, elementType, maxRowCount);
      }
      cache.put(key, new PlanCache.Plan(signature, reads, scope.dependencies(),
          session == null ? 0 : session.mesh.version()));
      LAST_READS.set(reads);
      return signature;
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      if (explained(e)) {
        throw e;
      }
      ERRORS.debug("cannot plan statement: {}", query.sql, e);
      if (tooDeep(e)) {
        throw PlanningException.tooComplex();
      }
      PlanningException cannotPlan = PlanningException.cannotPlan(e);
      if (!(e instanceof RelOptPlanner.CannotPlanException) && !cannotPlan.namesLimitation()) {
        // Not an operator Calcite lacks but a check of its own that failed: worth an operator's look.
        ERRORS.warn("meshkit could not plan a statement: {} (the meshkit.errors log has the full text at DEBUG)",
            e.getClass().getName());
      }
      throw cannotPlan;
    } finally {
      PlanningScope.close();
    }
  }

  /**
   * Whether a planning failure already says what is wrong in words meant for the user: one of
   * meshkit's own exceptions, or Calcite's parse and validation errors, which point into the
   * statement. Anything else is the planner's internals (CannotPlanException with its dump of
   * subsets, assertions, rule failures quoting the plan) and becomes one sentence.
   */
  private static boolean explained(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SqlParseException || t instanceof CalciteContextException
          || t.getClass().getName().startsWith("dev.meshkit.")) {
        return !tooDeep(e);
      }
    }
    return false;
  }

  /** Deep nesting overflows the parser's or the planner's recursion, which some callers wrap. */
  private static boolean tooDeep(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StackOverflowError) {
        return true;
      }
    }
    return false;
  }

  /** Takes what the last statement prepared on this thread reads; empty if it failed first. */
  public static List<PlanningScope.ProductRead> takeReads() {
    List<PlanningScope.ProductRead> reads = LAST_READS.get();
    LAST_READS.remove();
    return reads == null ? List.of() : reads;
  }

  /** The cached plan, bound to this connection's root schema so it reads through this session. */
  private static <T> CalciteSignature<T> rebind(CalciteSignature<T> plan, CalciteSchema root) {
    Bindable<T> bindable = plan::enumerable;
    return new CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType,
        plan.columns, plan.cursorFactory, root, plan.getCollationList(), -1, bindable, plan.statementType);
  }

  /**
   * The plan, failing every execution with its first failure once a generated class failed to
   * initialize, and dropped from the cache by {@code evict} at that moment (see {@link Checkpoints}).
   */
  private static <T> CalciteSignature<T> guard(CalciteSignature<T> plan, Runnable evict) {
    Checkpoints.Health health = null;
    for (Object value : plan.internalParameters.values()) {
      if (value instanceof Checkpoints.Health h) {
        health = h;
      }
    }
    if (health == null) {
      return plan; // EXPLAIN, or a plan without generated code
    }
    Checkpoints.Health checked = health;
    checked.onBreak(evict);
    Bindable<T> bindable = dataContext -> {
      checked.check();
      try {
        return plan.enumerable(dataContext);
      } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
        throw checked.broken(e);
      }
    };
    return new CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType,
        plan.columns, plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1, bindable, plan.statementType);
  }

  /**
   * Refuses what meshkit does not run: statements other than queries, and statements nested deeper
   * than the planner can follow.
   *
   * @return whether the statement is an EXPLAIN
   */
  private static boolean check(String sql) {
    StatementDepth.checkText(sql);
    SqlNode statement;
    try {
      statement = SqlParser.create(sql, ProductCompiler.PARSER).parseStmt();
    } catch (SqlParseException e) {
      StatementDepth.checkParse(e);
      refuseUnparsedWrites(sql);
      return false; // a plain syntax error, which Calcite reports with its position
    }
    StatementDepth.checkTree(statement);
    SqlKind kind = statement.getKind();
    if (kind == SqlKind.EXPLAIN || kind.belongsTo(SqlKind.QUERY)) {
      return kind == SqlKind.EXPLAIN;
    }
    throw readOnly(kind.lowerName.replace('_', ' ').toUpperCase(Locale.ROOT));
  }

  /**
   * The mesh is read-only: data stays with, and is changed by, the domains that own it. Calcite's
   * parser has no DDL, so a statement it cannot parse is named from its first words.
   */
  private static void refuseUnparsedWrites(String sql) {
    String[] words = sql.strip().toUpperCase(Locale.ROOT).split("\\s+", 3);
    if (WRITES.contains(words[0])) {
      boolean namesObject = words.length > 1 && OBJECT_VERBS.contains(words[0]) && words[1].matches("[A-Z]+");
      throw readOnly(namesObject ? words[0] + " " + words[1] : words[0]);
    }
  }

  private static ReadOnlyException readOnly(String verb) {
    return new ReadOnlyException("meshkit is read-only: " + verb
        + " statements are refused; change data in the domain's own source");
  }

  /** Parses meshkit's SQL ({@link MeshConformance}). */
  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(sql, parserConfig.withConformance(MeshConformance.INSTANCE));
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    org.apache.calcite.plan.Context context = externalContext != null ? externalContext
        : Contexts.of(prepareContext.config());
    RunningQuery query = RunningQuery.current();
    if (query != null) {
      // A statement cancelled while it is planned stops planning too.
      context = Contexts.chain(context, Contexts.of(new CancelFlag(query.stoppedFlag())));
    }
    VolcanoPlanner planner = new VolcanoPlanner(costFactory, context);
    planner.setExecutor(new RexExecutorImpl(DataContexts.EMPTY));
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
    return planner;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new PreparingStatement(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new MeshRexBuilder(typeFactory)), EnumerableConvention.INSTANCE, createConvertletTable(),
        workers);
  }

  /** Plans with meshkit's program and explains with the SQL each source receives. */
  private static final class PreparingStatement extends CalcitePreparingStmt {

    private final Context context;
    private final StatementWorkers workers;

    PreparingStatement(CalcitePrepareImpl prepare, Context context, CatalogReader catalogReader,
        RelDataTypeFactory typeFactory, CalciteSchema schema, EnumerableRel.Prefer prefer,
        RelOptCluster cluster, Convention resultConvention, SqlRexConvertletTable convertletTable,
        StatementWorkers workers) {
      super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster, resultConvention, convertletTable);
      this.context = context;
      this.workers = workers;
    }

    /**
     * Meshkit's program, its dependent joins, the large statements split into key ranges (after the
     * dependent joins, which narrow whole statements) and the statements that start early, then the
     * fail-closed check that every scan came through the policy layer.
     */
    @Override
    protected Program getProgram() {
      return (planner, rel, traits, materializations, lattices) -> {
        RelNode joined = DependentJoins.apply(MeshPrograms.PROGRAM.run(planner, rel, traits, materializations, lattices));
        RelNode plan = Prefetch.insert(KeySplits.apply(joined, workers.splitRows(), workers.splitRanges()), workers);
        PlanningScope scope = PlanningScope.current();
        if (scope != null) {
          scope.check(plan);
        }
        return plan;
      };
    }

    /**
     * An EXPLAIN that will show this principal only opaque products is not optimized: the whole
     * plan, which it will not show, is never made, so no planner message can describe it either.
     */
    @Override
    protected RelRoot optimize(RelRoot root, List<Prepare.Materialization> materializations,
        List<CalciteSchema.LatticeEntry> lattices) {
      PlanningScope scope = PlanningScope.current();
      if (scope != null && scope.hidesInsides()) {
        return root;
      }
      return super.optimize(root, materializations, lattices);
    }

    /**
     * The first step after conversion, while each product's expansion is still the node we built;
     * then expressions that are NULL whatever their input become NULL literals, before any rule or
     * metadata query meets them ({@link NullFolding}).
     */
    @Override
    public RelNode flattenTypes(RelNode rootRel, boolean restructure) {
      PlanningScope scope = PlanningScope.current();
      if (scope != null) {
        scope.traceColumns(rootRel);
      }
      return super.flattenTypes(NullFolding.fold(rootRel), restructure);
    }

    /**
     * Calcite's removal of unused columns runs before sub-queries become joins; where an input of
     * a correlated sub-query's filter keeps none of its columns (a cross join's other side), its
     * rewrite of the correlation fails. Such plans are trimmed by the planner program after
     * decorrelation instead.
     */
    @Override
    protected RelRoot trimUnusedFields(RelRoot root) {
      return readsCorrelated(root.rel) ? root : super.trimUnusedFields(root);
    }

    /** Whether an expression of the plan holds a sub-query that reads a column of an outer row. */
    private static boolean readsCorrelated(RelNode rel) {
      boolean[] found = {false};
      rel.accept(new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
          found[0] |= !RelOptUtil.getVariablesUsed(subQuery.rel).isEmpty() || readsCorrelated(subQuery.rel);
          return subQuery;
        }
      });
      return found[0] || rel.getInputs().stream().anyMatch(PreparingStatement::readsCorrelated);
    }

    /** Validates as Calcite does, with {@link MeshValidator}. */
    @Override
    protected SqlValidator createSqlValidator(CatalogReader catalogReader,
        UnaryOperator<SqlValidator.Config> configTransform) {
      CalciteConnectionConfig config = context.config();
      SqlOperatorTable operators = SqlOperatorTables.chain(
          config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), catalogReader);
      return MeshValidator.create(operators, catalogReader, context.getTypeFactory(),
          configTransform.apply(SqlValidator.Config.DEFAULT
              .withLenientOperatorLookup(config.lenientOperatorLookup())
              .withDefaultNullCollation(config.defaultNullCollation())
              .withIdentifierExpansion(true)));
    }

    /** The converter (and the field trimmer, which takes its builder) folds NULL expressions as it builds. */
    @Override
    protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator, CatalogReader catalogReader,
        SqlToRelConverter.Config config) {
      return super.getSqlToRelConverter(validator, catalogReader, config.withRelBuilderFactory(NullFolding.BUILDER));
    }

    /** Generates code with the running query's checkpoints between the plan's operators. */
    @Override
    protected PreparedResult implement(RelRoot root) {
      return super.implement(root.withRel(Checkpoints.insert(root.rel, new Checkpoints.Health())));
    }

    @Override
    protected PreparedResult createPreparedExplanation(RelDataType resultType, RelDataType parameterRowType,
        RelRoot root, SqlExplainFormat format, SqlExplainLevel detailLevel) {
      return new Explanation(resultType, parameterRowType, root, format, detailLevel);
    }
  }

  /** EXPLAIN output: the plan, then the statement every database source receives. */
  private static final class Explanation extends Prepare.PreparedExplain {
    private final RelRoot root;
    private final SqlExplainFormat format;
    private final SqlExplainLevel detailLevel;

    Explanation(RelDataType rowType, RelDataType parameterRowType, RelRoot root, SqlExplainFormat format,
        SqlExplainLevel detailLevel) {
      super(rowType, parameterRowType, root, format, detailLevel);
      this.root = root;
      this.format = format;
      this.detailLevel = detailLevel;
    }

    @Override
    public String getCode() {
      if (root == null || format != SqlExplainFormat.TEXT) {
        return super.getCode();
      }
      return RelOptUtil.dumpPlan("", root.rel, format, detailLevel) + SourceSql.describe(root.rel);
    }

    @Override
    public Bindable getBindable(Meta.CursorFactory cursorFactory) {
      String explanation = getCode();
      return dataContext -> cursorFactory.style == Meta.Style.ARRAY
          ? Linq4j.singletonEnumerable(new String[] {explanation})
          : Linq4j.singletonEnumerable(explanation);
    }
  }
}
