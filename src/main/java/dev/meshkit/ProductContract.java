package dev.meshkit;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The published schema of a data product, which its consumers rely on: for an {@code active}
 * product it is a contract that only a major version may break. Taken from a loaded mesh
 * ({@link Mesh#contracts()}) or from a server's catalog, and compared by {@code meshkit diff}.
 *
 * @param product the qualified name, {@code domain.product}, in lower case
 * @param version the product's semantic version, or null when it declares none
 * @param status the lifecycle status as the descriptor writes it: proposed, draft, active, deprecated, retired
 * @param location where the product is declared ({@code file:line}), or the server it was read from
 * @param columns the columns in order; null when they are not known (the product's source did not answer)
 * @param standardErrors the error-level governance findings on the product and its columns, as
 *     {@code rule: sentence}; a product may become active only when there are none
 */
public record ProductContract(String product, String version, String status, String location, List<Column> columns,
    List<String> standardErrors) {

  /**
   * One column of the contract.
   *
   * @param type the SQL type as the catalog shows it, such as {@code VARCHAR(20)} or {@code DECIMAL(10, 2)}
   * @param nullable whether the column may hold NULL; null when not known
   * @param required whether the descriptor declares it {@code required: true} (never null for consumers);
   *     null when not known (a server's catalog does not publish it)
   * @param unique whether the descriptor declares it {@code unique: true}; null when not known
   */
  public record Column(String name, String type, Boolean nullable, Boolean required, Boolean unique) {

    /**
     * @throws NullPointerException if the name or type is null
     */
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }
  }

  /**
   * @throws NullPointerException if the product, status, location or standard errors are null
   */
  public ProductContract {
    requireNonNull(product, "product is null");
    requireNonNull(status, "status is null");
    requireNonNull(location, "location is null");
    columns = columns == null ? null : List.copyOf(columns);
    standardErrors = List.copyOf(standardErrors);
  }

  /** This contract with another status. */
  public ProductContract withStatus(String status) {
    return new ProductContract(product, version, status, location, columns, standardErrors);
  }

  /** Whether the product is {@code active}, so that its schema is a contract. */
  public boolean isActive() {
    return status.equals("active");
  }
}
