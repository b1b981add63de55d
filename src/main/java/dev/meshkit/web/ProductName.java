package dev.meshkit.web;

/** A product named {@code domain.product} in a URL path. */
record ProductName(String domain, String product) {

  /** Domain and product names carry no dot, so the first dot splits them. */
  static ProductName parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
      throw new WebException(404, "There is no data product " + text + " in your catalog: name it as domain.product");
    }
    return new ProductName(text.substring(0, dot), text.substring(dot + 1));
  }

  String qualified() {
    return domain + "." + product;
  }
}
