package dev.meshkit.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What differs between two versions of a mesh, as declared: which products were added, removed or
 * changed, and which sources keep their settings. Where a thing was declared (file and line) is no
 * part of it: a product moved down the file by an edit above it is the same product.
 */
public final class ModelDiff {

  /** Records print their {@link Location} as {@code location=file:line}. */
  private static final Pattern LOCATION = Pattern.compile("location=[^,\\])]*");

  /**
   * One product whose declaration differs.
   *
   * @param product {@code domain.product}
   * @param oldVersion the version before, null when the product is new or had none
   * @param newVersion the version after, null when the product is removed or has none
   */
  public record ProductChange(String product, Kind kind, String oldVersion, String newVersion) {

    public ProductChange {
      Objects.requireNonNull(product, "product is null");
      Objects.requireNonNull(kind, "kind is null");
    }
  }

  /** How a product changed. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  private final MeshModel before;
  private final MeshModel after;
  private final Set<String> touchedSources;

  /**
   * @param touchedSources sources ({@code domain.source}) whose settings are the same but name files
   *     whose content changed, such as a seed script: they change as if their settings had
   */
  public ModelDiff(MeshModel before, MeshModel after, Set<String> touchedSources) {
    this.before = Objects.requireNonNull(before, "before is null");
    this.after = Objects.requireNonNull(after, "after is null");
    this.touchedSources = Set.copyOf(touchedSources);
  }

  /** Whether the two declare the same mesh. */
  public boolean unchanged() {
    return sameGlobals() && products().isEmpty() && touchedSources.isEmpty()
        && domainsText(before).equals(domainsText(after));
  }

  /**
   * What every product depends on besides its own declaration: the mesh's settings, its hash key,
   * its strictness and standards. When these differ, no plan of the old version may be kept.
   */
  public boolean sameGlobals() {
    return before.settings().equals(after.settings()) && before.strict() == after.strict()
        && sameKey(before.hashKey(), after.hashKey())
        && text(before.standards()).equals(text(after.standards()));
  }

  /**
   * The products added, removed or changed: a product changes when its declaration does, or when a
   * source of its domain does (it reads them through its SQL).
   */
  public List<ProductChange> products() {
    Map<String, ProductModel> old = products(before);
    Map<String, ProductModel> now = products(after);
    Set<String> names = new LinkedHashSet<>(old.keySet());
    names.addAll(now.keySet());
    Set<String> changedDomains = domainsWithChangedSources();
    List<ProductChange> changes = new java.util.ArrayList<>();
    for (String name : names) {
      ProductModel o = old.get(name);
      ProductModel n = now.get(name);
      if (o == null) {
        changes.add(new ProductChange(name, Kind.ADDED, null, n.version()));
      } else if (n == null) {
        changes.add(new ProductChange(name, Kind.REMOVED, o.version(), null));
      } else if (!text(o).equals(text(n)) || changedDomains.contains(name.substring(0, name.indexOf('.')))) {
        changes.add(new ProductChange(name, Kind.CHANGED, o.version(), n.version()));
      }
    }
    return List.copyOf(changes);
  }

  /** Whether a source of the new version may be served by the old version's opened source. */
  public static boolean sameSource(MeshModel before, SourceModel old, MeshModel after, SourceModel now) {
    return old.name().equals(now.name()) && old.type().equals(now.type()) && old.settings().equals(now.settings())
        && before.baseDir().equals(after.baseDir());
  }

  /**
   * A digest of every policy's content, global and per domain: plans made under one set of
   * policies are not reused under another, though their names and order be the same.
   */
  public static String policyDigest(MeshModel model) {
    StringBuilder all = new StringBuilder(text(model.policies()));
    for (DomainModel domain : model.domains()) {
      all.append('|').append(domain.name()).append(':').append(text(domain.policies()))
          .append(':').append(text(domain.members()));
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private Set<String> domainsWithChangedSources() {
    Set<String> changed = new LinkedHashSet<>();
    for (DomainModel n : after.domains()) {
      DomainModel o = domain(before, n.name());
      if (o == null) {
        continue;
      }
      if (o.sources().size() != n.sources().size()) {
        changed.add(n.name());
        continue;
      }
      for (SourceModel source : n.sources()) {
        SourceModel was = o.sources().stream().filter(s -> s.name().equals(source.name())).findFirst().orElse(null);
        if (was == null || !sameSource(before, was, after, source)
            || touchedSources.contains(n.name() + "." + source.name())) {
          changed.add(n.name());
        }
      }
    }
    return changed;
  }

  private static DomainModel domain(MeshModel model, String name) {
    return model.domains().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }

  private static Map<String, ProductModel> products(MeshModel model) {
    Map<String, ProductModel> all = new LinkedHashMap<>();
    for (DomainModel domain : model.domains()) {
      for (ProductModel product : domain.products()) {
        all.put(domain.name() + "." + product.name(), product);
      }
    }
    return all;
  }

  /** Everything of the domains but their products, sources settings included. */
  private static String domainsText(MeshModel model) {
    StringBuilder text = new StringBuilder(text(model.policies())).append(text(model.principals()))
        .append(model.name()).append(model.description());
    for (DomainModel d : model.domains()) {
      text.append('|').append(d.name()).append(d.owner()).append(d.description()).append(text(d.members()))
          .append(text(d.policies()));
      for (SourceModel s : d.sources()) {
        text.append(s.name()).append(s.type()).append(s.settings());
      }
    }
    return text.toString();
  }

  private static boolean sameKey(HashKey a, HashKey b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.hash("meshkit").equals(b.hash("meshkit"));
  }

  /** A declaration's text without where it was declared. */
  private static String text(Object declared) {
    return LOCATION.matcher(String.valueOf(declared)).replaceAll("");
  }
}
