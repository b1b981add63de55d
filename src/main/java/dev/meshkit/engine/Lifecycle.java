package dev.meshkit.engine;

import dev.meshkit.Principal;
import dev.meshkit.model.Deprecation;
import dev.meshkit.model.Members;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;

/** What a product's status means for a consumer: who may see it, and what reading it says. */
final class Lifecycle {

  private Lifecycle() {
  }

  static boolean isMember(Principal principal, Members members) {
    return members.users().contains(principal.name()) || members.roles().stream().anyMatch(principal::hasRole);
  }

  /** The warning a statement reading {@code product} carries, or null when the product is not deprecated. */
  static String deprecationWarning(String qualifiedName, ProductModel product) {
    if (product.status() != ProductStatus.DEPRECATED) {
      return null;
    }
    Deprecation d = product.deprecation();
    StringBuilder text = new StringBuilder("data product " + qualifiedName + " is deprecated");
    text.append(d != null && d.replacedBy() != null ? "; use " + d.replacedBy() + " instead" : "; no replacement is named");
    text.append(d != null && d.sunset() != null ? "; it will be retired on " + d.sunset() : "; no sunset date is set");
    if (d != null && d.note() != null) {
      text.append(" (").append(d.note()).append(')');
    }
    return text.toString();
  }

  /** Why a retired product cannot be read, naming its replacement. */
  static ProductRetiredException retired(String qualifiedName, ProductModel product) {
    Deprecation d = product.deprecation();
    String message = "data product " + qualifiedName + " is retired and can no longer be queried"
        + (d != null && d.sunset() != null ? " (since " + d.sunset() + ")" : "")
        + (d != null && d.replacedBy() != null ? "; use " + d.replacedBy() + " instead" : "; it has no replacement");
    return new ProductRetiredException(message);
  }
}
