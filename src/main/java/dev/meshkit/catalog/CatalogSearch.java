package dev.meshkit.catalog;

import dev.meshkit.CatalogHit;
import dev.meshkit.engine.Product;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.ProductDescription;
import dev.meshkit.model.ProductModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ranks products against search terms. Each term scores once per field it matches, weighted by
 * the field (name 3, tags 2, column names 1.5, description 1, column descriptions 0.5), so that
 * a long description cannot outweigh the name; a word that merely starts with the term counts half.
 */
final class CatalogSearch {

  private CatalogSearch() {
  }

  /** The matching products, best first, ties by qualified name. */
  static List<CatalogHit> rank(Collection<Product> products, String terms) {
    Set<String> words = words(Stream.of(terms));
    List<CatalogHit> hits = new ArrayList<>();
    for (Product product : products) {
      double score = score(product.model(), words);
      if (score > 0) {
        hits.add(new CatalogHit(product.qualifiedName(), score, product.model().description()));
      }
    }
    hits.sort(Comparator.comparingDouble(CatalogHit::score).reversed().thenComparing(CatalogHit::product));
    return hits;
  }

  private static double score(ProductModel m, Set<String> terms) {
    ProductDescription about = m.about();
    Set<String> name = words(Stream.of(m.name()));
    Set<String> tags = words(m.tags().stream());
    Set<String> description = about == null ? Set.of() : words(Stream.of(about.purpose(), about.usage()));
    Set<String> columns = words(m.columns().stream().map(ColumnModel::name));
    Set<String> columnDescriptions = words(m.columns().stream().map(ColumnModel::description));
    double score = 0;
    for (String term : terms) {
      score += 3 * match(term, name) + 2 * match(term, tags) + 1.5 * match(term, columns)
          + match(term, description) + 0.5 * match(term, columnDescriptions);
    }
    return score;
  }

  /** 1 if a word equals the term, 0.5 if one starts with it, else 0. */
  private static double match(String term, Set<String> words) {
    if (words.contains(term)) {
      return 1;
    }
    return words.stream().anyMatch(w -> w.startsWith(term)) ? 0.5 : 0;
  }

  /** Lower-case words: runs of letters and digits, so {@code orders_v1} is {@code orders} and {@code v1}. */
  static Set<String> words(Stream<String> texts) {
    Set<String> words = new LinkedHashSet<>();
    texts.filter(t -> t != null).forEach(t -> Arrays.stream(t.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty()).forEach(words::add));
    return words;
  }
}
