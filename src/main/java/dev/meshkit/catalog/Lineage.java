package dev.meshkit.catalog;

import com.google.common.collect.Maps;
import dev.meshkit.engine.Domain;
import dev.meshkit.engine.LookupSchema;
import dev.meshkit.engine.NameLookup;
import dev.meshkit.engine.Product;
import dev.meshkit.engine.ProductCompiler;
import dev.meshkit.engine.ProductInvalidException;
import dev.meshkit.engine.ProductUnavailableException;
import dev.meshkit.source.MeshTypeSystem;
import dev.meshkit.source.SourceUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * Lineage derived from each product's plan. The product SQL is converted in a namespace whose
 * tables do not expand, so every product and source it reads stays a scan of its own, and
 * Calcite's column origins then say which input columns each output column comes from.
 */
final class Lineage {

  /** What a product reads: {@code kind} is {@code product} or {@code source}. */
  record Input(String kind, String domain, String name) {

    String qualifiedName() {
      return kind.equals("product") ? domain + "." + name : name;
    }
  }

  /** One origin of one product column; {@code inputColumn} is null when the plan does not tell. */
  record Column(String column, Input input, String inputColumn) {}

  /** A product's inputs (every table its plan scans, in plan order) and its column-level lineage. */
  record Of(Product product, List<Input> inputs, List<Column> columns) {}

  /** A table that only stands for an input: not translatable, so it converts to a plain scan. */
  private static final class Stand extends AbstractTable {
    final Input input;
    private final RelDataType rowType;

    Stand(Input input, RelDataType rowType) {
      this.input = input;
      this.rowType = rowType;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return typeFactory.copyType(rowType);
    }
  }

  private final Collection<Domain> domains;
  private final ProductCompiler compiler;
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(MeshTypeSystem.INSTANCE);
  private final Map<Domain, CalciteSchema> namespaces = new ConcurrentHashMap<>();
  private final Map<Product, Of> cache = new ConcurrentHashMap<>();

  Lineage(Collection<Domain> domains, ProductCompiler compiler) {
    this.domains = domains;
    this.compiler = compiler;
  }

  /**
   * The lineage of a product, or null while it cannot be derived (a source it reads is down, or
   * it is invalid); only successes are kept, so a source that comes back is picked up.
   */
  Of of(Product product) {
    Of known = cache.get(product);
    if (known != null) {
      return known;
    }
    try {
      Of derived = derive(product);
      cache.put(product, derived);
      return derived;
    } catch (ProductUnavailableException | ProductInvalidException | SourceUnavailableException e) {
      return null;
    }
  }

  private Of derive(Product product) {
    product.rowType();
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    RelNode rel = compiler.convert(product, namespace(product.domain()), cluster);
    Set<Input> inputs = new LinkedHashSet<>();
    for (RelOptTable table : RelOptUtil.findAllTables(rel)) {
      inputs.add(input(table));
    }
    RelMetadataQuery mq = cluster.getMetadataQuery();
    List<Column> columns = new ArrayList<>();
    List<String> names = rel.getRowType().getFieldNames();
    for (int i = 0; i < names.size(); i++) {
      Set<RelColumnOrigin> origins = mq.getColumnOrigins(rel, i);
      if (origins == null || origins.isEmpty()) {
        // Constants, count(*), or a plan the metadata cannot see through: the product's inputs as a whole.
        for (Input input : inputs) {
          columns.add(new Column(names.get(i), input, null));
        }
        continue;
      }
      Set<Column> distinct = new LinkedHashSet<>();
      for (RelColumnOrigin origin : origins) {
        RelOptTable table = origin.getOriginTable();
        String inputColumn = table.getRowType().getFieldNames().get(origin.getOriginColumnOrdinal());
        distinct.add(new Column(names.get(i), input(table), inputColumn));
      }
      columns.addAll(distinct);
    }
    return new Of(product, List.copyOf(inputs), List.copyOf(columns));
  }

  private static Input input(RelOptTable table) {
    return table.unwrap(Stand.class).input;
  }

  /** Like the domain's namespace, but with stand-ins: products and source tables do not expand. */
  private CalciteSchema namespace(Domain domain) {
    return namespaces.computeIfAbsent(domain, d -> {
      Map<String, Schema> visible = new LinkedHashMap<>();
      for (Domain other : domains) {
        Map<String, Table> products = Maps.transformValues(other.products(), p -> new Stand(
            new Input("product", p.domain().name(), p.name()), p.rowType()));
        visible.put(other.name(), new LookupSchema(new NameLookup<>(() -> products, n -> true), Lookup.empty()));
      }
      // Sources are named by source and table only: no connection detail reaches lineage.
      d.sources().forEach((sourceName, source) -> visible.put(sourceName, new LookupSchema(
          new NameLookup<>(() -> Maps.transformEntries(source.tables(), (table, t) -> new Stand(
              new Input("source", d.name(), sourceName + "." + table), t.getRowType(typeFactory))), n -> true),
          Lookup.empty())));
      return CalciteSchema.createRootSchema(false, false, "", new LookupSchema(Lookup.empty(), NameLookup.of(visible)));
    });
  }
}
