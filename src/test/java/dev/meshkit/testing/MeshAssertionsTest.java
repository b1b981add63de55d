package dev.meshkit.testing;

import static dev.meshkit.testing.MeshAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/** Each assertion passes when the policy holds and fails, with a message that leaks no value, when not. */
@MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv", isolation = Isolation.PER_CLASS)
class MeshAssertionsTest {

  Mesh mesh;

  private static String failure(Executable assertion) {
    String message = assertThrows(AssertionFailedError.class, assertion).getMessage();
    for (String raw : new String[] {"+44 20 7946 0101", "+1 212 555 0202", "7946", "Alice", "Bruno"}) {
      assertFalse(message.contains(raw), message);
    }
    return message;
  }

  @Test
  void canRead() {
    assertThat(mesh).principal("carl").canRead("sales.customers");
    assertEquals("principal carl cannot read sales.orders, but should: access to data product sales.orders is denied:"
            + " no policy grants it",
        failure(() -> assertThat(mesh).principal("carl").canRead("sales.orders")));
  }

  @Test
  void cannotRead() {
    assertThat(mesh).principal("carl").cannotRead("sales.orders");
    assertEquals("principal ann can read sales.orders (4 rows visible), but should not",
        failure(() -> assertThat(mesh).principal("ann").cannotRead("sales.orders")));
  }

  @Test
  void cannotReadFailsOnAnythingButADenialSoThatATypoProvesNothing() {
    String message = failure(() -> assertThat(mesh).principal("carl").cannotRead("sales.ordres"));
    assertEquals(true, message.startsWith("principal carl could not read sales.ordres, but not because access was"
        + " denied (SQLState "), message);
  }

  @Test
  void seesColumnMaskedAndUnmasked() {
    assertThat(mesh).principal("bert").seesColumnMasked("sales.customers", "phone")
        .seesColumnUnmasked("sales.customers", "name");
    assertThat(mesh).principal("ann").seesColumnUnmasked("sales.customers", "phone");
    assertEquals("column phone of sales.customers is not masked for principal ann",
        failure(() -> assertThat(mesh).principal("ann").seesColumnMasked("sales.customers", "phone")));
    assertEquals("column phone of sales.customers is masked for principal bert by policy phone-last-four,"
            + " but should be readable as stored",
        failure(() -> assertThat(mesh).principal("bert").seesColumnUnmasked("sales.customers", "phone")));
  }

  @Test
  void seesOnlyRows() {
    assertThat(mesh).principal("bert").seesOnlyRows("sales.customers", "region = 'US'");
    assertEquals("principal ann sees 2 of 4 rows of sales.customers for which region = 'US' is not true",
        failure(() -> assertThat(mesh).principal("ann").seesOnlyRows("sales.customers", "region = 'US'")));
    // A clerk of a region without customers: the filter leaves nothing, which proves nothing.
    Principal zoe = Principal.builder("zoe").role("clerk").attribute("region", "APAC").build();
    assertEquals("principal zoe sees no rows of sales.customers, so 'seesOnlyRows(region = 'APAC')' proves nothing"
            + " (use seesRowCount(\"sales.customers\", 0) to assert that)",
        failure(() -> assertThat(mesh).as(zoe).seesOnlyRows("sales.customers", "region = 'APAC'")));
    assertThat(mesh).as(zoe).seesRowCount("sales.customers", 0);
  }

  @Test
  void seesRowCount() {
    assertThat(mesh).principal("bert").seesRowCount("sales.customers", 2);
    assertEquals("principal ann sees 4 rows of sales.customers, expected 3",
        failure(() -> assertThat(mesh).principal("ann").seesRowCount("sales.customers", 3)));
  }

  @Test
  void anUnknownPrincipalFailsByName() {
    assertEquals("mesh shop has no principal 'zed'", failure(() -> assertThat(mesh).principal("zed")));
  }

  @Test
  void productAndColumnNamesAreCheckedBeforeAnyQuery() {
    assertThrows(IllegalArgumentException.class,
        () -> assertThat(mesh).principal("ann").canRead("sales.orders; DROP TABLE x"));
    assertThrows(IllegalArgumentException.class,
        () -> assertThat(mesh).principal("ann").seesColumnMasked("sales.customers", "phone, name"));
  }
}
