package dev.meshkit.catalog;

import dev.meshkit.Feedback;
import dev.meshkit.MeshException;
import dev.meshkit.MeshFeedback;
import dev.meshkit.Principal;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.engine.Product;
import dev.meshkit.store.MetadataStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link MeshFeedback} over the metadata store, deciding with the serving version's policies:
 * readers rate and report, domain members and principals granted {@code sys} resolve, and a
 * product the principal may not read is refused in the very words of one that does not exist.
 */
public final class ProductFeedback implements MeshFeedback {

  private final Supplier<MeshRuntime> serving;
  private final MetadataStore store;

  /** @param serving the version serving now, asked anew for each call */
  public ProductFeedback(Supplier<MeshRuntime> serving, MetadataStore store) {
    this.serving = serving;
    this.store = store;
  }

  @Override
  public Feedback rate(Principal principal, String product, int rating, String comment) {
    Objects.requireNonNull(principal, "principal is null");
    Objects.requireNonNull(product, "product is null");
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("a rating is a whole number from 1 to 5, not " + rating);
    }
    String text = checked(comment == null ? "" : comment, "comment");
    Product p = readable(principal, product);
    return store.feedback().rate(p.qualifiedName(), principal.name(), rating, text, Instant.now());
  }

  @Override
  public Feedback reportProblem(Principal principal, String product, String description) {
    Objects.requireNonNull(principal, "principal is null");
    Objects.requireNonNull(product, "product is null");
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("a problem report needs a description of the problem");
    }
    String text = checked(description, "description");
    Product p = readable(principal, product);
    return store.feedback().reportProblem(p.qualifiedName(), principal.name(), text, Instant.now());
  }

  @Override
  public Feedback resolve(Principal principal, long problemId) {
    Objects.requireNonNull(principal, "principal is null");
    Catalog catalog = new Catalog(serving.get().session(principal));
    Feedback problem = store.feedback().byId(problemId)
        .filter(f -> f.kind() == Feedback.Kind.PROBLEM).orElse(null);
    Product product = problem == null ? null : listed(catalog, problem.product());
    if (product == null) {
      throw new MeshException("there is no problem report " + problemId + " that you may see");
    }
    if (!catalog.seesConsumers(product)) {
      throw new MeshException("only members of domain " + product.domain().name() + ", or principals granted sys,"
          + " may resolve problems with " + product.qualifiedName());
    }
    return store.feedback().resolve(problemId, principal.name(), Instant.now());
  }

  @Override
  public List<Feedback> list(Principal principal, String product) {
    Objects.requireNonNull(principal, "principal is null");
    Objects.requireNonNull(product, "product is null");
    Catalog catalog = new Catalog(serving.get().session(principal));
    Product p = listed(catalog, product);
    if (p == null) {
      throw new MeshException("no data product " + product + " in your catalog");
    }
    if (!store.hasFeedback()) {
      return List.of();
    }
    return store.feedback().of(p.qualifiedName()).stream().map(f -> asSeenBy(catalog, p, f)).toList();
  }

  /** The product, if the principal may read it; else the one error a missing product gets too. */
  private Product readable(Principal principal, String name) {
    Catalog catalog = new Catalog(serving.get().session(principal));
    for (Catalog.Entry entry : catalog.entries()) {
      if (entry.canRead() && entry.product().qualifiedName().equalsIgnoreCase(name)) {
        return entry.product();
      }
    }
    throw new MeshException("no data product " + name + " that you may read");
  }

  private static Product listed(Catalog catalog, String name) {
    for (Catalog.Entry entry : catalog.entries()) {
      if (entry.product().qualifiedName().equalsIgnoreCase(name)) {
        return entry.product();
      }
    }
    return null;
  }

  private static String checked(String text, String what) {
    if (text.length() > MAX_COMMENT) {
      throw new IllegalArgumentException("the " + what + " has " + text.length() + " characters, more than the "
          + MAX_COMMENT + " allowed");
    }
    return text;
  }

  /**
   * The feedback as the asker may see it: who gave and who resolved it are people, named only to
   * themselves, the product's domain members and those granted {@code sys}.
   */
  static Feedback asSeenBy(Catalog catalog, Product product, Feedback f) {
    if (catalog.seesConsumers(product)) {
      return f;
    }
    String asker = catalog.session.principal().name();
    String principal = asker.equals(f.principal()) ? f.principal() : null;
    String resolvedBy = asker.equals(f.resolvedBy()) ? f.resolvedBy() : null;
    return new Feedback(f.id(), f.product(), f.kind(), principal, f.rating(), f.comment(), f.createdAt(), f.status(),
        resolvedBy, f.resolvedAt());
  }
}
