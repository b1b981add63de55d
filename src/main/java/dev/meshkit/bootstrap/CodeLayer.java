package dev.meshkit.bootstrap;

import dev.meshkit.MeshEngine;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PrincipalModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The changes made in code with {@code Mesh.update}, in order, laid over the declared mesh each
 * time it is read: a domain, policy or principal of a change replaces the declared one of its name
 * or is added, and removals remove. The layer is immutable; an accepted update makes a new one.
 */
final class CodeLayer {

  static final CodeLayer EMPTY = new CodeLayer(List.of());

  private final List<MeshEngine.Changes> changes;

  private CodeLayer(List<MeshEngine.Changes> changes) {
    this.changes = List.copyOf(changes);
  }

  CodeLayer with(MeshEngine.Changes more) {
    List<MeshEngine.Changes> all = new ArrayList<>(changes);
    all.add(more);
    return new CodeLayer(all);
  }

  /**
   * The declared mesh with every change over it.
   *
   * @throws dev.meshkit.MeshException naming each problem of a change, as a descriptor's would be
   */
  MeshModel over(MeshModel declared) {
    MeshModel model = declared;
    for (MeshEngine.Changes change : changes) {
      // Values given in code are literal: nothing in them is substituted.
      MeshModel layer = DescriptorReader.parse(change.declaration(), "<update>", declared.baseDir(), Map.of());
      Map<String, DomainModel> domains = byName(model.domains(), DomainModel::name);
      change.removedDomains().forEach(name -> domains.remove(name.toLowerCase(Locale.ROOT)));
      layer.domains().forEach(d -> domains.put(d.name(), d));
      Map<String, PolicyModel> policies = byName(model.policies(), PolicyModel::name);
      change.removedPolicies().forEach(name -> policies.remove(name.toLowerCase(Locale.ROOT)));
      layer.policies().forEach(p -> policies.put(p.name().toLowerCase(Locale.ROOT), p));
      Map<String, PrincipalModel> principals = byName(model.principals(), PrincipalModel::name);
      layer.principals().forEach(p -> principals.put(p.name().toLowerCase(Locale.ROOT), p));
      model = new MeshModel(model.name(), model.description(), model.strict(), List.copyOf(domains.values()),
          List.copyOf(principals.values()), List.copyOf(policies.values()), model.standards(), model.hashKey(),
          model.baseDir(), model.location(), model.settings());
    }
    return model;
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> named = new LinkedHashMap<>();
    items.forEach(item -> named.put(name.apply(item).toLowerCase(Locale.ROOT), item));
    return named;
  }
}
