package dev.meshkit.bootstrap;

import dev.meshkit.AuditEvent;
import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import dev.meshkit.MeshCatalog;
import dev.meshkit.MeshEngine;
import dev.meshkit.MeshQuality;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import dev.meshkit.ProductContract;
import dev.meshkit.catalog.ProductCatalog;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.governance.QualityRunner;
import dev.meshkit.governance.Reports;
import dev.meshkit.jdbc.SessionConnector;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PrincipalModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A mesh running in this JVM: the engine, its catalog, its connections, quality and audit, assembled. */
final class EmbeddedEngine implements MeshEngine {

  private final MeshRuntime runtime;
  private final SessionConnector connections;
  private final QualityRunner quality;
  private final ProductCatalog catalog;
  private final List<GovernanceFinding> findings;

  EmbeddedEngine(MeshRuntime runtime, List<GovernanceFinding> findings) {
    this.runtime = runtime;
    this.findings = List.copyOf(findings);
    this.connections = new SessionConnector(runtime);
    this.quality = new QualityRunner(runtime.model(), connections::connectUnrestricted);
    this.catalog = new ProductCatalog(runtime, quality);
  }

  MeshRuntime runtime() {
    return runtime;
  }

  QualityRunner qualityRunner() {
    return quality;
  }

  @Override
  public Connection connect(Principal principal) throws SQLException {
    return connections.connect(principal);
  }

  @Override
  public String name() {
    return runtime.model().name();
  }

  @Override
  public Optional<Principal> declaredPrincipal(String name) {
    for (PrincipalModel p : runtime.model().principals()) {
      if (p.name().equals(name)) {
        return Optional.of(Principal.builder(p.name()).roles(p.roles()).attributes(p.attributes()).build());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean verifyPassword(String user, char[] password) {
    String hash = null;
    for (PrincipalModel p : runtime.model().principals()) {
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
    return runtime.unavailableProducts();
  }

  @Override
  public List<AuditEvent> auditEvents() {
    return runtime.audit().memory().snapshot();
  }

  @Override
  public List<GovernanceFinding> governanceFindings() {
    List<GovernanceFinding> all = new ArrayList<>(findings);
    all.addAll(runtime.columnFindings());
    return List.copyOf(all);
  }

  @Override
  public MeshQuality quality() {
    return quality;
  }

  /** Usage counts are those since the mesh loaded. */
  @Override
  public GovernanceReport report(Duration unusedFor) {
    MeshModel model = runtime.model();
    return Reports.build(model, runtime.policies(), runtime.audit().usage(), quality, unusedFor, Instant.now());
  }

  @Override
  public MeshCatalog catalog() {
    return catalog;
  }

  @Override
  public List<ProductContract> contracts() {
    return Contracts.of(runtime, governanceFindings());
  }

  @Override
  public Map<String, String> policies() {
    return Contracts.policies(runtime.model());
  }

  @Override
  public Mesh.PlanCacheStats planCacheStats() {
    return new Mesh.PlanCacheStats(runtime.plans().hits(), runtime.plans().misses());
  }

  @Override
  public void close() {
    connections.close(); // first: open results are audited while the sinks are still open
    quality.close();
    runtime.close();
  }
}
