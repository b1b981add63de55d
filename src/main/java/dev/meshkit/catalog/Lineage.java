package dev.meshkit.catalog;

import com.google.common.collect.Maps;
import dev.meshkit.engine.Domain;
import dev.meshkit.engine.LookupSchema;
import dev.meshkit.engine.NameLookup;
import dev.meshkit.engine.Product;
import dev.meshkit.engine.ProductCompiler;
import dev.meshkit.engine.ProductInvalidException;
import dev.meshkit.engine.ProductUnavailableException;
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
import dev.meshkit.source.MeshTypeFactory;
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

  /**
   * What a product reads: {@code kind} is {@code product} or {@code source}, or {@code hidden} for
   * an input the asker may not see, which names only the product that reads it (so each reader
   * has its own) and is shown without a name.
   */
  record Input(String kind, String domain, String name) {

    static final String HIDDEN = "hidden";

    static Input hiddenFrom(Product reader) {
      return new Input(HIDDEN, reader.domain().name(), reader.name());
    }

    boolean hidden() {
      return kind.equals(HIDDEN);
    }

    String qualifiedName() {
      return switch (kind) {
        case "product" -> domain + "." + name;
        case HIDDEN -> "(hidden)";
        default -> name;
      };
    }
  }

  /** One origin of one product column; {@code inputColumn} is null when the plan does not tell. */
  record Column(String column, Input input, String inputColumn) {}

  /** What one asker may see of lineage. */
  interface Sight {

    /** Whether the product may be drawn and named: the asker may find it or read it. */
    boolean names(Product product);

    /** Whether the product's source tables may be named: the asker may see inside it. */
    boolean seesSources(Product product);
  }

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
  private final JavaTypeFactory typeFactory = new MeshTypeFactory();
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
  private Of of(Product product) {
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

  /**
   * The lineage of a product as {@code sight} allows, or null as {@link #of(Product)}: an input
   * product it may not name, or a source table it may not see, becomes the product's one hidden
   * input, without columns. What a hidden input reads is never reached, since its own lineage is
   * not shown.
   */
  Of of(Product product, Sight sight) {
    Of all = of(product);
    if (all == null) {
      return null;
    }
    Set<Input> inputs = new LinkedHashSet<>();
    all.inputs().forEach(input -> inputs.add(seen(product, input, sight)));
    Set<Column> columns = new LinkedHashSet<>();
    for (Column c : all.columns()) {
      Input input = seen(product, c.input(), sight);
      columns.add(new Column(c.column(), input, input.hidden() ? null : c.inputColumn()));
    }
    return new Of(product, List.copyOf(inputs), List.copyOf(columns));
  }

  private Input seen(Product reader, Input input, Sight sight) {
    boolean shown = input.kind().equals("product") ? sight.names(product(input)) : sight.seesSources(reader);
    return shown ? input : Input.hiddenFrom(reader);
  }

  private Of derive(Product product) {
    // The conversion keeps its sources' names; the product's own are in lower case.
    List<String> names = product.rowType().getFieldNames();
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    RelNode rel = compiler.convert(product, namespace(product.domain()), cluster);
    Set<Input> inputs = new LinkedHashSet<>();
    for (RelOptTable table : RelOptUtil.findAllTables(rel)) {
      inputs.add(input(table));
    }
    RelMetadataQuery mq = cluster.getMetadataQuery();
    List<Column> columns = new ArrayList<>();
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

  /** The product an input of kind {@code product} names. */
  private Product product(Input input) {
    for (Domain domain : domains) {
      if (domain.name().equals(input.domain())) {
        return domain.products().get(input.name());
      }
    }
    throw new IllegalArgumentException("no data product " + input.qualifiedName());
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
