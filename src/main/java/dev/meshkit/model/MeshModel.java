package dev.meshkit.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A mesh as declared: its domains, the principals it knows, its global policies and the standards
 * it adds to the built-in ones.
 * Immutable and free of Calcite, so descriptors and policies can be checked without a planner.
 *
 * @param description what the mesh is for, or null
 * @param strict whether a violated standard of severity error fails the load instead of being logged
 * @param standards the standards the descriptor declares, in file order; built-ins are not listed
 * @param hashKey the key of the {@code hash} mask ({@code masking.hashKey}), or null when none is given
 * @param baseDir folder that relative paths in source settings resolve against
 * @param settings the settings of the mesh as a whole
 * @param files the files the mesh was read from, absolute: the descriptor, then the domain files it
 *     includes in the order read; empty for a mesh declared in code or given as text
 */
public record MeshModel(
    String name,
    String description,
    boolean strict,
    List<DomainModel> domains,
    List<PrincipalModel> principals,
    List<PolicyModel> policies,
    List<StandardModel> standards,
    HashKey hashKey,
    Path baseDir,
    Location location,
    MeshSettings settings,
    List<Path> files) {

  /** A mesh with every setting at its default. */
  public MeshModel(String name, String description, boolean strict, List<DomainModel> domains,
      List<PrincipalModel> principals, List<PolicyModel> policies, List<StandardModel> standards, HashKey hashKey,
      Path baseDir, Location location) {
    this(name, description, strict, domains, principals, policies, standards, hashKey, baseDir, location,
        MeshSettings.DEFAULTS);
  }

  /** A mesh read from no file. */
  public MeshModel(String name, String description, boolean strict, List<DomainModel> domains,
      List<PrincipalModel> principals, List<PolicyModel> policies, List<StandardModel> standards, HashKey hashKey,
      Path baseDir, Location location, MeshSettings settings) {
    this(name, description, strict, domains, principals, policies, standards, hashKey, baseDir, location, settings,
        List.of());
  }

  public MeshModel {
    Objects.requireNonNull(name, "name is null");
    domains = List.copyOf(domains);
    principals = List.copyOf(principals);
    policies = List.copyOf(policies);
    standards = List.copyOf(standards);
    Objects.requireNonNull(baseDir, "baseDir is null");
    Objects.requireNonNull(location, "location is null");
    Objects.requireNonNull(settings, "settings is null");
    files = List.copyOf(files);
  }
}
