package dev.meshkit.bootstrap;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.Mesh;
import dev.meshkit.MeshEngine;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.governance.AuditLog;
import dev.meshkit.governance.MemoryAuditSink;
import dev.meshkit.governance.Standards;
import dev.meshkit.model.MeshModel;
import dev.meshkit.source.SourceTypes;
import dev.meshkit.store.MetadataStore;
import dev.meshkit.store.StoreOpener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads embedded engines for {@link Mesh}; registered under {@code META-INF/services}. */
public final class EngineFactory implements MeshEngine.Factory {

  @Override
  public MeshEngine load(MeshEngine.Declaration declaration) {
    MeshModel model = read(declaration);
    // Before any source opens: a mesh that strict mode refuses never touches a database.
    List<GovernanceFinding> findings = Standards.enforce(model);
    SourceTypes types = SourceTypes.discover(EngineFactory.class.getClassLoader());
    // The builder's limit, when given, overrides the descriptor's.
    long maxQueryRows = declaration.maxQueryRows() >= 0 ? declaration.maxQueryRows() : model.settings().maxQueryRows();
    MetadataStore store = StoreOpener.open(declaration.metadataStore(), model.settings().metadataStore(),
        declaration.descriptor());
    try {
      MeshRuntime runtime = MeshRuntime.load(model, declaration.sourceListener(), declaration.loadListener(), types,
          declaration.planCacheSize(), maxQueryRows,
          new AuditLog(new MemoryAuditSink(), declaration.auditSinks(), store));
      return new EmbeddedEngine(declaration, types, runtime, findings, store);
    } catch (RuntimeException | Error e) {
      store.close();
      throw e;
    }
  }

  /** The mesh the declaration holds: its descriptor read now, or what was declared in code. */
  static MeshModel read(MeshEngine.Declaration declaration) {
    return declaration.descriptor() != null
        ? DescriptorReader.read(declaration.descriptor(), declaration.environment())
        // Values declared in code are literal: nothing in them is substituted.
        : DescriptorReader.parse(declaration.declaration(), "<builder>", Path.of("").toAbsolutePath(), Map.of());
  }
}
