package dev.meshkit.bootstrap;

import dev.meshkit.AuditEvent;
import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import dev.meshkit.MeshCatalog;
import dev.meshkit.MeshFeedback;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshEngine;
import dev.meshkit.MeshException;
import dev.meshkit.MeshQuality;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import dev.meshkit.ProductContract;
import dev.meshkit.catalog.ProductCatalog;
import dev.meshkit.catalog.ProductFeedback;
import dev.meshkit.contract.ContractReport;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.governance.MeshChanges;
import dev.meshkit.governance.QualityRunner;
import dev.meshkit.governance.Reports;
import dev.meshkit.governance.Standards;
import dev.meshkit.jdbc.SessionConnector;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ModelDiff;
import dev.meshkit.model.PrincipalModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.source.SourceTypes;
import dev.meshkit.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mesh running in this JVM: the engine, its catalog, its connections, quality and audit,
 * assembled; and its changes. Each accepted change makes a new {@link Version}, which new
 * statements use at once while those running finish on theirs.
 */
final class EmbeddedEngine implements MeshEngine {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  /** One version of the mesh, with the parts made for it. */
  private record Version(MeshRuntime runtime, QualityRunner quality, ProductCatalog catalog,
      List<GovernanceFinding> findings) {
  }

  private final MeshEngine.Declaration declaration;
  private final SourceTypes types;
  private final SessionConnector connections;
  private final MeshChanges history;
  private final MetadataStore store;
  private final MeshFeedback feedback;
  /** One change at a time; closing waits for the change in progress. */
  private final Object changing = new Object();
  private volatile Version current;
  private CodeLayer layer = CodeLayer.EMPTY;
  /** The content of the files the serving version's sources read, to tell when one changed. */
  private Map<String, Long> sourceFiles;
  private DescriptorWatcher watcher;
  private boolean closed;

  EmbeddedEngine(MeshEngine.Declaration declaration, SourceTypes types, MeshRuntime runtime,
      List<GovernanceFinding> findings, MetadataStore store) {
    this.declaration = declaration;
    this.types = types;
    this.store = store;
    this.history = new MeshChanges(productNames(runtime.model()), Instant.now(), store);
    this.sourceFiles = SourceFiles.checksums(runtime.model());
    // A version's sources and threads close once it is replaced and its last statement has ended.
    this.connections = new SessionConnector(runtime, MeshRuntime::close);
    QualityRunner quality = new QualityRunner(runtime.model(), connections::connectUnrestricted);
    // What the checks found before a restart serves until they run again.
    quality.seed(store.latestQuality());
    this.current = new Version(runtime, quality, new ProductCatalog(runtime, quality, history, store),
        List.copyOf(findings));
    this.feedback = new ProductFeedback(() -> current.runtime, store);
    quality.start(store);
    boolean watch = declaration.watch() != null ? declaration.watch() : runtime.model().settings().watch();
    if (watch && declaration.descriptor() != null) {
      watcher = new DescriptorWatcher(runtime.model().name(), this::watchedFiles, () -> change(MeshChange.Trigger.WATCH, null));
    }
  }

  @Override
  public Connection connect(Principal principal) throws SQLException {
    return connections.connect(principal);
  }

  @Override
  public String name() {
    return current.runtime.model().name();
  }

  @Override
  public Optional<Principal> declaredPrincipal(String name) {
    for (PrincipalModel p : current.runtime.model().principals()) {
      if (p.name().equals(name)) {
        return Optional.of(Principal.builder(p.name()).roles(p.roles()).attributes(p.attributes()).build());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean verifyPassword(String user, char[] password) {
    String hash = null;
    for (PrincipalModel p : current.runtime.model().principals()) {
      if (p.name().equals(user)) {
        hash = p.passwordHash();
      }
    }
    boolean matches = PasswordHasher.verify(password, hash != null ? hash : UnknownUser.HASH);
    return hash != null && matches;
  }

  /** Verified in place of a missing hash, so that unknown users cost as much as known ones. */
  private static final class UnknownUser {
    // A holder, so the hash is computed on the first failed login, not whenever a mesh loads.
    static final String HASH = PasswordHasher.hash("no such user".toCharArray());
  }

  @Override
  public Map<String, String> unavailableProducts() {
    return current.runtime.unavailableProducts();
  }

  @Override
  public List<AuditEvent> auditEvents() {
    return current.runtime.audit().memory().snapshot();
  }

  @Override
  public List<GovernanceFinding> governanceFindings() {
    Version version = current;
    List<GovernanceFinding> all = new ArrayList<>(version.findings);
    all.addAll(version.runtime.columnFindings());
    return List.copyOf(all);
  }

  @Override
  public MeshQuality quality() {
    return current.quality;
  }

  /** Usage counts and feedback are those the metadata store keeps. */
  @Override
  public GovernanceReport report(Duration unusedFor) {
    Version version = current;
    MeshModel model = version.runtime.model();
    List<dev.meshkit.Feedback> given = List.of();
    if (store.hasFeedback()) {
      try {
        given = store.feedback().all();
      } catch (MeshException e) {
        // The rest of the report does not need the store; it says why its feedback sections are empty.
        LOG.warn("the governance report has no feedback: {}", e.getMessage());
      }
    }
    return Reports.build(model, version.runtime.policies(), version.runtime.audit().usage(), version.quality, given,
        unusedFor, Instant.now());
  }

  @Override
  public MeshCatalog catalog() {
    return current.catalog;
  }

  @Override
  public MeshFeedback feedback() {
    return feedback;
  }

  @Override
  public List<ProductContract> contracts() {
    return Contracts.of(current.runtime, governanceFindings());
  }

  @Override
  public Map<String, String> policies() {
    return Contracts.policies(current.runtime.model());
  }

  /** The version serving now. */
  MeshRuntime runtime() {
    return current.runtime;
  }

  @Override
  public Mesh.PlanCacheStats planCacheStats() {
    MeshRuntime runtime = current.runtime;
    return new Mesh.PlanCacheStats(runtime.plans().hits(), runtime.plans().misses());
  }

  @Override
  public MeshChange reload() {
    return change(MeshChange.Trigger.RELOAD, null);
  }

  @Override
  public MeshChange update(MeshEngine.Changes changes) {
    return change(MeshChange.Trigger.UPDATE, changes);
  }

  @Override
  public List<MeshChange> changes() {
    return history.snapshot();
  }

  /**
   * Reads the new version (the declaration, then the code layer, with {@code more} on top),
   * validates it completely, and swaps it in, or refuses it with the old version serving on.
   */
  private MeshChange change(MeshChange.Trigger trigger, MeshEngine.Changes more) {
    synchronized (changing) {
      if (closed) {
        throw new IllegalStateException("the mesh is closed");
      }
      long started = System.nanoTime();
      Version old = current;
      CodeLayer nextLayer = more == null ? layer : layer.with(more);
      List<String> files = files(old.runtime.model());
      MeshModel model;
      try {
        model = nextLayer.over(declared());
      } catch (MeshException e) {
        return refused(trigger, files, List.of(), e.problems(), started, old);
      }
      files = files(model);
      Map<String, Long> nextSourceFiles = SourceFiles.checksums(model);
      Set<String> touched = SourceFiles.changed(sourceFiles, nextSourceFiles);
      ModelDiff diff = new ModelDiff(old.runtime.model(), model, touched);
      if (diff.unchanged()) {
        layer = nextLayer;
        return new MeshChange(Instant.now(), trigger, files, true, List.of(), List.of());
      }
      List<MeshChange.ProductChange> products = diff.products().stream()
          .map(p -> new MeshChange.ProductChange(p.product(), MeshChange.Kind.valueOf(p.kind().name()),
              p.oldVersion(), p.newVersion()))
          .toList();
      MeshRuntime next;
      List<GovernanceFinding> findings;
      try {
        findings = Standards.enforce(model);
        next = MeshRuntime.reload(model, declaration.sourceListener(), declaration.loadListener(), types,
            maxQueryRows(model), old.runtime, touched);
      } catch (MeshException e) {
        return refused(trigger, files, products, e.problems(), started, old);
      } catch (RuntimeException e) {
        return refused(trigger, files, products, List.of("the new version could not be loaded: " + e.getMessage()),
            started, old);
      }
      // Marked before anything is planned on the new version, so that no plan made on it serves the
      // old one, nor a later version if this one is refused.
      Set<String> changed = new LinkedHashSet<>();
      products.forEach(p -> changed.add(p.product()));
      next.plans().changed(next.version(), changed, !diff.sameGlobals());
      QualityRunner quality = new QualityRunner(model, connections::connectUnrestricted);
      Version version = new Version(next, quality, new ProductCatalog(next, quality, history, store),
          List.copyOf(findings));
      List<String> warnings;
      try {
        ContractReport contracts = contracts(old.runtime, next, findings, model);
        if (contracts.refused()) {
          next.close();
          return refused(trigger, files, products, sentences(contracts.errors()), started, old);
        }
        warnings = sentences(contracts.warnings());
      } catch (RuntimeException e) {
        next.close();
        return refused(trigger, files, products,
            List.of("the new version's contracts could not be checked: " + e.getMessage()), started, old);
      }
      next.takeOver(old.runtime);
      current = version;
      connections.switchTo(next);
      old.quality.handOver(quality, changed);
      quality.start(store);
      layer = nextLayer;
      sourceFiles = nextSourceFiles;
      warnings.forEach(warning -> LOG.warn("{}", warning));
      MeshChange accepted = new MeshChange(Instant.now(), trigger, files, true, products, warnings);
      history.record(accepted, Duration.ofNanos(System.nanoTime() - started), next.audit());
      return accepted;
    }
  }

  /**
   * The contract rules between the serving version and {@code next}, whose products moving to
   * active run their quality checks on {@code next} itself before it serves.
   */
  private ContractReport contracts(MeshRuntime serving, MeshRuntime next, List<GovernanceFinding> findings,
      MeshModel model) {
    List<GovernanceFinding> all = new ArrayList<>(findings);
    all.addAll(next.columnFindings());
    try (QualityRunner gate = new QualityRunner(model, () -> connections.connectUnrestricted(next))) {
      return Contracts.check(serving, next, all, gate);
    }
  }

  private static List<String> sentences(List<GovernanceFinding> findings) {
    return findings.stream().map(GovernanceFinding::toString).toList();
  }

  private MeshChange refused(MeshChange.Trigger trigger, List<String> files, List<MeshChange.ProductChange> products,
      List<String> problems, long started, Version old) {
    MeshChange refused = new MeshChange(Instant.now(), trigger, files, false, products,
        problems.isEmpty() ? List.of("the new version is not valid") : problems);
    history.record(refused, Duration.ofNanos(System.nanoTime() - started), old.runtime.audit());
    return refused;
  }

  /** The mesh as declared now: the descriptor read again, or the declaration given in code. */
  private MeshModel declared() {
    return EngineFactory.read(declaration);
  }

  private long maxQueryRows(MeshModel model) {
    // The builder's limit, when given, overrides the descriptor's.
    return declaration.maxQueryRows() >= 0 ? declaration.maxQueryRows() : model.settings().maxQueryRows();
  }

  /** The files a change reads, as the history names them: the descriptor and the files of its domains. */
  private List<String> files(MeshModel model) {
    if (declaration.descriptor() == null) {
      return List.of();
    }
    Set<String> files = new LinkedHashSet<>();
    files.add(declaration.descriptor().toString());
    for (DomainModel domain : model.domains()) {
      String file = domain.location().file();
      if (Files.isRegularFile(Path.of(file))) {
        files.add(file);
      }
    }
    return List.copyOf(files);
  }

  /**
   * What the watcher follows, computed from the running version so that it grows with the mesh: the
   * descriptor, every file a domain, product or column was declared in (included files among them),
   * and every file a source setting names (seed scripts, say).
   */
  private Collection<Path> watchedFiles() {
    MeshModel model = current.runtime.model();
    Set<Path> watched = new LinkedHashSet<>();
    watched.add(declaration.descriptor().toAbsolutePath().normalize());
    for (DomainModel domain : model.domains()) {
      addFile(watched, model.baseDir(), domain.location().file());
      for (ProductModel product : domain.products()) {
        addFile(watched, model.baseDir(), product.location().file());
      }
    }
    watched.addAll(SourceFiles.named(model));
    // A domain file a team has just added joins the mesh once an include glob matches it.
    watched.addAll(DescriptorReader.includedFiles(declaration.descriptor(), declaration.environment()));
    return watched;
  }

  private static void addFile(Set<Path> watched, Path baseDir, String name) {
    try {
      Path file = baseDir.resolve(name).toAbsolutePath().normalize();
      if (Files.isRegularFile(file)) {
        watched.add(file);
      }
    } catch (RuntimeException e) {
      // not a path: a setting such as a user name
    }
  }

  private static List<String> productNames(MeshModel model) {
    List<String> names = new ArrayList<>();
    model.domains().forEach(d -> d.products().forEach(p -> names.add(d.name() + "." + p.name())));
    return names;
  }

  @Override
  public void close() {
    DescriptorWatcher following;
    synchronized (changing) {
      if (closed) {
        return;
      }
      closed = true;
      following = watcher;
    }
    if (following != null) {
      following.close();
    }
    current.quality.close();
    // First: open results are audited while the sinks are still open; the last version then closes.
    connections.close();
    // Last: what the closing wrote above reaches the store.
    store.close();
  }
}
