package dev.meshkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The seam between the public API and the engine behind it: {@link Mesh} reaches its
 * implementation through this interface, found with {@link java.util.ServiceLoader}, so the API
 * depends on no implementation package. Applications use {@link Mesh}; they neither call nor
 * implement this.
 */
public interface MeshEngine extends AutoCloseable {

  Connection connect(Principal principal) throws SQLException;

  String name();

  /** The principal the descriptor declares under this name. */
  Optional<Principal> declaredPrincipal(String name);

  /** See {@link Mesh#verifyPassword}. */
  boolean verifyPassword(String user, char[] password);

  Map<String, String> unavailableProducts();

  List<AuditEvent> auditEvents();

  List<GovernanceFinding> governanceFindings();

  MeshQuality quality();

  GovernanceReport report(Duration unusedFor);

  MeshCatalog catalog();

  MeshFeedback feedback();

  Mesh.PlanCacheStats planCacheStats();

  List<ProductContract> contracts();

  Map<String, String> policies();

  /** See {@link Mesh#reload()}. */
  MeshChange reload();

  /** See {@link Mesh#update}. */
  MeshChange update(Changes changes);

  /** See {@link Mesh#changes()}. */
  List<MeshChange> changes();

  /**
   * What {@link Mesh.Changes} collected, layered over the declared mesh.
   *
   * @param declaration the domains, policies and principals declared or replaced, as descriptor YAML
   * @param removedDomains domains to remove, by name
   * @param removedPolicies global policies to remove, by name
   */
  record Changes(String declaration, List<String> removedDomains, List<String> removedPolicies) {

    public Changes {
      java.util.Objects.requireNonNull(declaration, "declaration is null");
      removedDomains = List.copyOf(removedDomains);
      removedPolicies = List.copyOf(removedPolicies);
    }
  }

  /**
   * Where {@link Mesh.Builder} was told to keep the mesh's metadata store: one of a database, a
   * folder for an H2 file, or memory.
   */
  record MetadataStoreChoice(DataSource dataSource, Path directory, boolean inMemory) {}

  @Override
  void close();

  /** Loads engines; the implementation registers one under {@code META-INF/services}. */
  interface Factory {

    /**
     * @throws MeshException listing every problem in the declaration
     */
    MeshEngine load(Declaration declaration);
  }

  /**
   * Everything {@link Mesh.Builder} collected.
   *
   * @param descriptor the descriptor file, or null for a mesh declared in code
   * @param declaration the mesh declared in code, as descriptor YAML, or null with a descriptor
   * @param environment values for {@code ${VAR}} substitution
   * @param metadataStore where the builder chose to keep the mesh's metadata, or null for the descriptor's setting
   * @param maxQueryRows rows one query may hold in memory, 0 for no limit, negative for the descriptor's setting
   * @param watch whether to follow the descriptor's files, null for the descriptor's {@code settings: watch}
   */
  record Declaration(Path descriptor, String declaration, Map<String, String> environment,
      SourceListener sourceListener, LoadListener loadListener, long planCacheSize, List<AuditSink> auditSinks,
      MetadataStoreChoice metadataStore, long maxQueryRows, Boolean watch) {

    public Declaration {
      environment = Map.copyOf(environment);
      auditSinks = List.copyOf(auditSinks);
    }

    /** Without the environment's values or the declaration's text, which hold secrets. */
    @Override
    public String toString() {
      return "Declaration[" + (descriptor != null ? descriptor : "declared in code") + "]";
    }
  }
}
