package dev.meshkit.trino;

import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.TrinoExport;
import dev.meshkit.engine.Domain;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.engine.Product;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.Members;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PrincipalModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.model.SourceModel;
import dev.meshkit.policy.AccessDecision;
import dev.meshkit.policy.ColumnMask;
import dev.meshkit.policy.RowFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Exports a loaded mesh as a Trino configuration: catalogs for the sources Trino can reach, one
 * view per product, file-based access control for the declared principals, and the catalog's
 * metadata. Whatever cannot be expressed is refused, or, when told to skip, left out and so denied:
 * the export never widens access.
 */
public final class TrinoExporter {

  /** The Trino user that owns the views (SECURITY DEFINER) and runs {@code init.sql}. */
  public static final String ADMIN = "meshkit";

  private final MeshRuntime runtime;
  private final String viewCatalog;
  private final Map<String, SourceCatalog> catalogs = new LinkedHashMap<>();
  /** Products by qualified name, in the order their views can be created (dependencies first). */
  private final Map<String, ViewDefinition> views = new LinkedHashMap<>();
  private final Map<String, String> blocked = new LinkedHashMap<>();
  private final Set<String> retired = new LinkedHashSet<>();
  private final Set<String> inProgress = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private TrinoExporter(MeshRuntime runtime) {
    this.runtime = runtime;
    this.viewCatalog = SourceCatalog.identifier(runtime.model().name());
  }

  /**
   * Writes the configuration into {@code directory}.
   *
   * @throws MeshException unless {@code skipUnsupported}, listing everything Trino cannot express
   */
  public static TrinoExport export(MeshRuntime runtime, Path directory, boolean skipUnsupported) {
    TrinoExporter exporter = new TrinoExporter(runtime);
    Export export = exporter.translate();
    if (!exporter.problems.isEmpty() && !skipUnsupported) {
      List<String> refused = new ArrayList<>();
      refused.add("the mesh " + runtime.model().name() + " cannot move to Trino as it is (export with"
          + " --skip-unsupported to leave these out, denied to everyone):");
      refused.addAll(exporter.problems);
      throw new MeshException(refused);
    }
    return export.write(directory, exporter.problems, exporter.notes);
  }

  private Export translate() {
    for (Domain domain : runtime.domains()) {
      for (SourceModel source : domain.model().sources()) {
        catalogs.put(domain.name() + "." + source.name(), SourceCatalog.of(domain.name(), source));
      }
    }
    checkNames();
    for (Domain domain : runtime.domains()) {
      for (Product product : domain.products().values()) {
        view(product);
      }
    }
    blocked.forEach((product, reason) -> problems.add("product " + product + " cannot move: " + reason));
    AccessRules rules = new AccessRules(ADMIN, viewCatalog);
    List<PrincipalModel> principals = runtime.model().principals();
    for (PrincipalModel declared : principals) {
      if (declared.name().equals(ADMIN)) {
        problems.add("principal " + ADMIN + " (declared at " + declared.location() + ") has the name of the Trino"
            + " user that owns the exported views; rename the principal");
      }
    }
    for (ViewDefinition view : views.values()) {
      for (PrincipalModel declared : principals) {
        if (!declared.name().equals(ADMIN)) {
          rule(rules, view, declared);
        }
      }
    }
    rules.principals(principals.stream().map(PrincipalModel::name).filter(n -> !n.equals(ADMIN)).toList());
    notes.add("only the principals the descriptor declares are in rules.json, with their roles and attributes as"
        + " exported; principals an application resolves, and later changes, need a new export");
    notes.add("Trino shows the plan below a view to anyone who may read it (EXPLAIN), where meshkit shows it"
        + " only to domain members and grants with explain: true");
    notes.add("meshkit's sys and catalog tables (audit, usage, quality, lineage) stay in meshkit; the catalog's"
        + " metadata is in meshkit-catalog.json");
    return new Export(viewCatalog, catalogs.values().stream().filter(SourceCatalog::supported).toList(),
        List.copyOf(views.values()), rules, runtime.model());
  }

  /** Catalog names must not collide: the views' catalog is named after the mesh, each source's after domain and source. */
  private void checkNames() {
    Map<String, String> owners = new LinkedHashMap<>();
    if (viewCatalog.equals("system")) {
      problems.add("the mesh " + runtime.model().name() + " would be Trino catalog system, which Trino reserves for"
          + " itself; rename the mesh");
    }
    owners.put(viewCatalog, "the mesh's views");
    for (SourceCatalog catalog : catalogs.values()) {
      String other = owners.putIfAbsent(catalog.name(), "source " + catalog.source() + " of domain " + catalog.domain());
      if (other != null) {
        problems.add("source " + catalog.source() + " of domain " + catalog.domain() + " would be Trino catalog "
            + catalog.name() + ", which is already " + other + "; rename one of them");
      }
    }
  }

  /** Translates a product once, its dependencies first; null when it cannot move (see {@link #blocked}). */
  private ViewDefinition view(Product product) {
    String name = product.qualifiedName();
    if (views.containsKey(name)) {
      return views.get(name);
    }
    if (blocked.containsKey(name) || retired.contains(name) || inProgress.contains(name)) {
      return null;
    }
    if (product.model().status() == ProductStatus.RETIRED) {
      // meshkit refuses it to everyone too: nothing is lost, so it is a note, not a problem.
      if (retired.add(name)) {
        notes.add("product " + name + " is retired, so it has no view");
      }
      return null;
    }
    inProgress.add(name);
    try {
      SqlNode sql;
      try {
        sql = SameArithmetic.rewrite(runtime.compiler().validatedSql(product));
      } catch (Untranslatable e) {
        blocked.put(name, e.getMessage());
        return null;
      } catch (RuntimeException e) {
        blocked.put(name, "its SQL does not validate here (" + e.getMessage() + ")");
        return null;
      }
      List<SqlIdentifier> tables = TrinoSql.tables(sql);
      Map<SqlIdentifier, List<String>> renamed = new IdentityHashMap<>();
      List<String> reads = new ArrayList<>();
      for (SqlIdentifier table : tables) {
        List<String> target = target(product, table, reads);
        if (target == null) {
          return null;
        }
        renamed.put(table, target);
      }
      String query = TrinoSql.unparse(TrinoSql.renameTables(sql, tables, renamed::get));
      List<ViewDefinition.Column> columns = new ArrayList<>();
      for (RelDataTypeField field : product.rowType().getFieldList()) {
        String type = TrinoTypes.of(field.getType()).orElse(null);
        if (type == null) {
          blocked.put(name, "its column " + field.getName() + " has type " + field.getType().getSqlTypeName()
              + ", which Trino has no equivalent of");
          return null;
        }
        columns.add(new ViewDefinition.Column(field.getName(), field.getType(), type, declared(product, field.getName())));
      }
      ViewDefinition view = new ViewDefinition(product.domain().name(), product.model(), query, columns, reads,
          product.rowType());
      views.put(name, view);
      return view;
    } finally {
      inProgress.remove(name);
    }
  }

  /** The Trino name of a table a product reads, or null (with the product blocked) when it cannot move. */
  private List<String> target(Product product, SqlIdentifier table, List<String> reads) {
    String name = product.qualifiedName();
    List<String> names = table.names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    if (names.size() < 2) {
      return names; // a WITH query's name
    }
    SourceCatalog catalog = catalogs.get(product.domain().name() + "." + names.get(0));
    if (catalog != null && names.size() <= 3) {
      if (!catalog.supported()) {
        blocked.put(name, "it reads " + catalog.unsupported());
        return null;
      }
      reads.add("source " + product.domain().name() + "." + String.join(".", names));
      return names.size() == 2 ? List.of(catalog.name(), catalog.defaultSchema(), names.get(1))
          : List.of(catalog.name(), names.get(1), names.get(2));
    }
    Product read = names.size() == 2 ? product(names.get(0), names.get(1)) : null;
    if (read == null) {
      blocked.put(name, "it reads " + String.join(".", names) + ", which is neither a source table nor a product");
      return null;
    }
    if (view(read) == null) {
      blocked.put(name, "it reads product " + read.qualifiedName() + (retired.contains(read.qualifiedName())
          ? ", which is retired" : ", which cannot move"));
      return null;
    }
    reads.add("product " + read.qualifiedName());
    return List.of(viewCatalog, names.get(0), names.get(1));
  }

  private Product product(String domain, String product) {
    for (Domain d : runtime.domains()) {
      if (d.name().equals(domain)) {
        return d.products().get(product);
      }
    }
    return null;
  }

  private static ColumnModel declared(Product product, String column) {
    return product.model().columns().stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
  }

  /** The rule for one principal reading one product: the same decision meshkit makes, or none (denied). */
  private void rule(AccessRules rules, ViewDefinition view, PrincipalModel declared) {
    Principal principal = Principal.builder(declared.name()).roles(declared.roles())
        .attributes(declared.attributes()).build();
    String product = view.qualifiedName();
    if (view.model().status().unreleased() && !member(principal, domainModel(view.domain()).members())) {
      return;
    }
    AccessDecision decision = runtime.policies().decide(principal, view.domain(), view.model().name(),
        view.columns().stream().map(ViewDefinition.Column::name).toList());
    if (!decision.allowed()) {
      return;
    }
    String filter = null;
    Map<String, String> masks = new LinkedHashMap<>();
    try {
      if (!decision.rowFilters().isEmpty()) {
        filter = PolicyTranslation.filter(decision.rowFilters(), view.rowType());
      }
    } catch (Untranslatable e) {
      String policies = String.join(", ", decision.rowFilters().stream().map(RowFilter::policy).toList());
      problems.add("row filter " + policies + " for principal " + declared.name() + " on product " + product
          + " cannot move: " + e.getMessage());
      return;
    }
    for (ViewDefinition.Column column : view.columns()) {
      ColumnMask mask = decision.masks().get(column.name());
      if (mask != null) {
        try {
          masks.put(column.name(), PolicyTranslation.mask(mask, column.type(), column.trinoType()));
        } catch (Untranslatable e) {
          problems.add("mask policy " + mask.policy() + " for principal " + declared.name() + " on column "
              + column.name() + " of product " + product + " cannot move: " + e.getMessage());
          return;
        }
      }
    }
    rules.allow(declared.name(), view.domain(), view.model().name(), filter, masks);
  }

  private DomainModel domainModel(String name) {
    return runtime.model().domains().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  private static boolean member(Principal principal, Members members) {
    return members.users().contains(principal.name()) || members.roles().stream().anyMatch(principal::hasRole);
  }

  /** Everything translated, ready to write. */
  private record Export(String viewCatalog, List<SourceCatalog> catalogs, List<ViewDefinition> views, AccessRules rules,
      MeshModel model) {

    TrinoExport write(Path directory, List<String> skipped, List<String> notes) {
      Map<String, String> files = new LinkedHashMap<>();
      List<String> environment = new ArrayList<>();
      files.put("etc/catalog/" + viewCatalog + ".properties",
          "# The products of mesh " + model.name() + " as views (created by init.sql after each start)\n"
              + "connector.name=memory\n");
      for (SourceCatalog catalog : catalogs) {
        files.put("etc/catalog/" + catalog.name() + ".properties", catalog.propertiesText());
        environment.addAll(catalog.environment());
      }
      Path absolute = directory.toAbsolutePath().normalize();
      files.put("etc/access-control.properties", "access-control.name=file\nsecurity.config-file="
          + absolute.resolve("etc/rules.json") + "\n");
      files.put("etc/rules.json", rules.json());
      files.put("init.sql", Views.script(viewCatalog, views, ADMIN));
      files.put("meshkit-catalog.json", CatalogMetadata.json(model, viewCatalog, views));
      files.put("export-report.txt", report(files.keySet(), environment, skipped, notes));
      try {
        for (Map.Entry<String, String> file : files.entrySet()) {
          Path path = absolute.resolve(file.getKey());
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the Trino export could not be written to " + absolute + ": " + e.getMessage(), e);
      }
      return new TrinoExport(absolute, List.copyOf(files.keySet()), environment, skipped, notes);
    }

    private String report(Set<String> files, List<String> environment, List<String> skipped, List<String> notes) {
      StringBuilder text = new StringBuilder("Trino export of mesh ").append(model.name()).append("\n\nFiles:\n");
      files.forEach(f -> text.append("  ").append(f).append('\n'));
      text.append("  export-report.txt\n\nViews: catalog ").append(viewCatalog).append(", one schema per domain, ")
          .append(views.size()).append(" views; run init.sql as user ").append(ADMIN).append(" after each start.\n");
      text.append("\nEnvironment variables the catalogs read:\n");
      if (environment.isEmpty()) {
        text.append("  (none)\n");
      }
      environment.forEach(e -> text.append("  ").append(e).append('\n'));
      text.append("\nLeft out (denied to everyone):\n");
      if (skipped.isEmpty()) {
        text.append("  (nothing)\n");
      }
      skipped.forEach(s -> text.append("  - ").append(s).append('\n'));
      text.append("\nDifferences:\n");
      notes.forEach(n -> text.append("  - ").append(n).append('\n'));
      return text.toString();
    }
  }
}
