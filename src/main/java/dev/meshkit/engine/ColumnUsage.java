package dev.meshkit.engine;

import dev.meshkit.planner.ResidualFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Which columns of each product a statement actually uses, for its audit event: fields required
 * by the statement's result, filters, joins, groupings and orderings, traced down to each
 * product's expansion. Where the trace cannot be precise (correlation, unknown operators) it
 * counts every column, so the audit errs towards "read".
 */
final class ColumnUsage {

  private final Map<String, String> expansions;
  private final Set<String> rowTypes;
  private final Map<String, Set<String>> columns;

  private ColumnUsage(Map<String, String> expansions, Map<String, Set<String>> columns) {
    this.expansions = expansions;
    this.rowTypes = new HashSet<>();
    for (String key : expansions.keySet()) {
      rowTypes.add(key.substring(0, key.indexOf('\n')));
    }
    this.columns = columns;
  }

  /**
   * Traces {@code root}; {@code expansions} maps the {@link #key} of each product expansion to its
   * product's name.
   */
  static void trace(RelNode root, Map<String, String> expansions, Map<String, Set<String>> columns) {
    if (!expansions.isEmpty()) {
      new ColumnUsage(expansions, columns).visit(root, ImmutableBitSet.range(root.getRowType().getFieldCount()));
    }
  }

  /** A product expansion's identity that survives Calcite copying its nodes: its plan, printed. */
  static String key(RelNode rel) {
    return rel.getRowType().getFullTypeString() + "\n" + RelOptUtil.toString(rel);
  }

  private void visit(RelNode node, ImmutableBitSet required) {
    RelNode rel = node instanceof HepRelVertex vertex ? vertex.getCurrentRel() : node;
    // Printing a subtree is dear; only nodes shaped like some expansion are worth it.
    String product = rowTypes.contains(rel.getRowType().getFullTypeString()) ? expansions.get(key(rel)) : null;
    if (product != null) {
      Set<String> names = columns.computeIfAbsent(product, p -> new TreeSet<>());
      // An expansion keeps its source's names; the product's own are those, lower-cased.
      List<String> fields = rel.getRowType().getFieldNames();
      required.forEach(i -> names.add(fields.get(i).toLowerCase(Locale.ROOT)));
      return;
    }
    subQueries(rel);
    List<RelNode> inputs = rel.getInputs();
    if (rel instanceof Project project && rel.getVariablesSet().isEmpty()) {
      ImmutableBitSet.Builder used = ImmutableBitSet.builder();
      required.forEach(i -> used.addAll(RelOptUtil.InputFinder.bits(project.getProjects().get(i))));
      visit(inputs.get(0), used.build());
    } else if (rel instanceof Filter filter && rel.getVariablesSet().isEmpty()) {
      visit(inputs.get(0), required.union(RelOptUtil.InputFinder.bits(filter.getCondition())));
    } else if (rel instanceof ResidualFilter residual) {
      visit(inputs.get(0), required.union(RelOptUtil.InputFinder.bits(residual.condition)));
    } else if (rel instanceof Join join && join.getVariablesSet().isEmpty()) {
      int leftCount = join.getLeft().getRowType().getFieldCount();
      ImmutableBitSet all = required.union(RelOptUtil.InputFinder.bits(join.getCondition()));
      visit(join.getLeft(), all.intersect(ImmutableBitSet.range(leftCount)));
      visit(join.getRight(), all.except(ImmutableBitSet.range(leftCount)).shift(-leftCount));
    } else if (rel instanceof Aggregate aggregate) {
      ImmutableBitSet.Builder used = ImmutableBitSet.builder().addAll(aggregate.getGroupSet());
      for (AggregateCall call : aggregate.getAggCallList()) {
        used.addAll(call.getArgList());
        if (call.filterArg >= 0) {
          used.set(call.filterArg);
        }
      }
      visit(inputs.get(0), used.build());
    } else if (rel instanceof Sort sort) {
      ImmutableBitSet.Builder used = ImmutableBitSet.builder().addAll(required);
      for (RelFieldCollation collation : sort.getCollation().getFieldCollations()) {
        used.set(collation.getFieldIndex());
      }
      visit(inputs.get(0), used.build());
    } else if (rel instanceof SetOp) {
      inputs.forEach(input -> visit(input, required));
    } else {
      inputs.forEach(input -> visit(input, ImmutableBitSet.range(input.getRowType().getFieldCount())));
    }
  }

  /** A subquery in an expression reads every column it returns. */
  private void subQueries(RelNode rel) {
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        visit(subQuery.rel, ImmutableBitSet.range(subQuery.rel.getRowType().getFieldCount()));
        return subQuery;
      }
    });
  }
}
