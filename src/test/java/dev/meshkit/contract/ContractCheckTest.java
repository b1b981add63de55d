package dev.meshkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.ProductContract;
import dev.meshkit.ProductContract.Column;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract rules on two versions of a product, as plain values. */
class ContractCheckTest {

  private static final Column ID = new Column("order_id", "INTEGER", false, true, true);
  private static final Column AMOUNT = new Column("amount", "DECIMAL(10, 2)", true, false, false);
  private static final Column NOTE = new Column("note", "VARCHAR(40)", true, false, false);

  private static ProductContract orders(String version, String status, Column... columns) {
    return new ProductContract("sales.orders", version, status, "domains/sales.yaml:12", List.of(columns), List.of());
  }

  private static ContractReport check(ProductContract before, ProductContract after) {
    return ContractCheck.check(new MeshContracts(List.of(before), Map.of()),
        new MeshContracts(List.of(after), Map.of()), null);
  }

  private static List<String> messages(List<GovernanceFinding> findings) {
    return findings.stream().map(GovernanceFinding::toString).toList();
  }

  @Test
  void aRemovedColumnWithoutAMajorBumpIsRefusedNamingProductColumnAndBothVersions() {
    ContractReport report = check(orders("2.0.0", "active", ID, AMOUNT, NOTE), orders("2.1.0", "active", ID, NOTE));
    assertTrue(report.refused());
    assertEquals(List.of("domains/sales.yaml:12: contract-breaking-needs-major: product sales.orders: column amount"
        + " was removed (was DECIMAL(10, 2)), which breaks its contract, but its version goes from 2.0.0 to 2.1.0"
        + " (a breaking change needs a major version: 3.0.0)"), messages(report.findings()));
    ProductChange change = report.products().get(0);
    assertEquals(ProductChange.Kind.BREAKING, change.kind());
    assertEquals(Bump.MAJOR, change.required());
    assertEquals(Bump.MINOR, change.made());
    assertEquals("product sales.orders", report.findings().get(0).subject());
  }

  @Test
  void theSameChangeWithAMajorBumpIsAccepted() {
    ContractReport report = check(orders("2.0.0", "active", ID, AMOUNT, NOTE), orders("3.0.0", "active", ID, NOTE));
    assertFalse(report.refused());
    assertEquals(List.of(), report.findings());
    assertEquals(Bump.MAJOR, report.products().get(0).made());
    assertEquals(List.of(new ColumnChange("amount", ColumnChange.Kind.REMOVED, "DECIMAL(10, 2)", null)),
        report.products().get(0).columns());
  }

  @Test
  void aNewNameInTheSamePlaceWithTheSameTypeIsARename() {
    Column total = new Column("total", "DECIMAL(10, 2)", true, false, false);
    ContractReport report = check(orders("2.0.0", "active", ID, AMOUNT), orders("2.0.0", "active", ID, total));
    assertEquals(List.of(new ColumnChange("amount", ColumnChange.Kind.RENAMED, "amount", "total")),
        report.products().get(0).columns());
    assertEquals(List.of("domains/sales.yaml:12: contract-breaking-needs-major: product sales.orders: column amount"
        + " was renamed to total, which breaks its contract, but its version stays 2.0.0 (a breaking change needs a"
        + " major version: 3.0.0)"), messages(report.findings()));
  }

  @Test
  void eachBreakingColumnIsItsOwnError() {
    Column shorter = new Column("note", "VARCHAR(20)", true, false, false);
    Column text = new Column("amount", "VARCHAR(12)", true, false, false);
    ContractReport report = check(orders("1.0.0", "active", ID, AMOUNT, NOTE), orders("1.0.1", "active", ID, text,
        shorter));
    assertEquals(List.of(
        "product sales.orders: column amount type was changed from DECIMAL(10, 2) to VARCHAR(12), which breaks its"
            + " contract, but its version goes from 1.0.0 to 1.0.1 (a breaking change needs a major version: 2.0.0)",
        "product sales.orders: column note type was narrowed from VARCHAR(40) to VARCHAR(20), which breaks its"
            + " contract, but its version goes from 1.0.0 to 1.0.1 (a breaking change needs a major version: 2.0.0)"),
        report.findings().stream().map(GovernanceFinding::message).toList());
  }

  @Test
  void becomingNotNullRequiredOrUniqueBreaksTheContract() {
    Column notNull = new Column("amount", "DECIMAL(10, 2)", false, false, false);
    Column required = new Column("note", "VARCHAR(40)", true, true, false);
    Column unique = new Column("order_id", "INTEGER", false, true, true);
    ContractReport report = check(orders("1.0.0", "active", new Column("order_id", "INTEGER", false, true, false),
        AMOUNT, NOTE), orders("1.0.0", "active", unique, notNull, required));
    assertEquals(List.of(
        new ColumnChange("order_id", ColumnChange.Kind.BECAME_UNIQUE, null, null),
        new ColumnChange("amount", ColumnChange.Kind.BECAME_NOT_NULL, null, null),
        new ColumnChange("note", ColumnChange.Kind.BECAME_REQUIRED, null, null)), report.products().get(0).columns());
    assertEquals(3, report.errors().size());
    assertTrue(report.errors().get(1).message().startsWith("product sales.orders: column amount became NOT NULL,"),
        report.errors().get(1).message());
  }

  @Test
  void aCompatibleChangeWithoutAMinorBumpLoadsWithAWarning() {
    Column wider = new Column("order_id", "BIGINT", false, true, true);
    ContractReport report = check(orders("2.0.0", "active", ID, AMOUNT), orders("2.0.1", "active", wider, AMOUNT, NOTE));
    assertFalse(report.refused());
    assertEquals(ProductChange.Kind.COMPATIBLE, report.products().get(0).kind());
    assertEquals(Bump.MINOR, report.products().get(0).required());
    assertEquals(List.of("domains/sales.yaml:12: contract-compatible-needs-minor: product sales.orders: column"
        + " order_id type was widened from INTEGER to BIGINT, column note was added (VARCHAR(40)), a compatible"
        + " change, but its version goes from 2.0.0 to 2.0.1 (a compatible change needs at least a minor version:"
        + " 2.1.0)"), messages(report.warnings()));
    assertEquals(List.of(), check(orders("2.0.0", "active", ID, AMOUNT),
        orders("2.1.0", "active", wider, AMOUNT, NOTE)).findings());
    assertEquals(List.of(), check(orders("2.0.0", "active", ID, AMOUNT),
        orders("3.0.0", "active", wider, AMOUNT, NOTE)).findings(), "a major bump is more than enough");
  }

  @Test
  void droppingAConstraintIsCompatible() {
    Column optional = new Column("order_id", "INTEGER", true, false, false);
    ContractReport report = check(orders("1.0.0", "active", ID), orders("1.1.0", "active", optional));
    assertEquals(List.of(
        new ColumnChange("order_id", ColumnChange.Kind.BECAME_NULLABLE, null, null),
        new ColumnChange("order_id", ColumnChange.Kind.NO_LONGER_REQUIRED, null, null),
        new ColumnChange("order_id", ColumnChange.Kind.NO_LONGER_UNIQUE, null, null)), report.products().get(0).columns());
    assertEquals(ProductChange.Kind.COMPATIBLE, report.products().get(0).kind());
    assertEquals(List.of(), report.findings());
  }

  @Test
  void onlyAnActiveProductIsUnderContract() {
    for (String status : List.of("proposed", "draft", "deprecated", "retired")) {
      ContractReport report = check(orders("0.1.0", status, ID, AMOUNT), orders("0.1.0", "draft", ID));
      assertEquals(List.of(), report.findings(), status);
      ProductChange change = report.products().get(0);
      assertEquals(ProductChange.Kind.BREAKING, change.kind(), "the change is still classified");
      assertEquals(Bump.NONE, change.required());
      assertFalse(change.contracted());
    }
  }

  @Test
  void aProductWithoutAVersionCountsAsZeroAndSaysSo() {
    ContractReport report = check(orders(null, "active", ID, AMOUNT), orders(null, "active", ID));
    assertEquals(List.of("product sales.orders: column amount was removed (was DECIMAL(10, 2)), which breaks its"
        + " contract, but it declares no version (a breaking change needs a major version: 1.0.0)"),
        report.errors().stream().map(GovernanceFinding::message).toList());
    assertEquals(List.of(), check(orders(null, "active", ID, AMOUNT), orders("1.0.0", "active", ID)).findings());
  }

  @Test
  void anActiveProductMayNotBeRemovedNorItsVersionLowered() {
    ProductContract nation = new ProductContract("reference.nation", "1.0.0", "active", "domains/reference.yaml:7",
        List.of(ID), List.of());
    ContractReport removed = ContractCheck.check(new MeshContracts(List.of(orders("1.0.0", "active", ID), nation), null),
        new MeshContracts(List.of(orders("1.0.0", "active", ID)), null), null);
    assertEquals(List.of("domains/reference.yaml:7: contract-active-product-kept: product reference.nation 1.0.0 is"
        + " active and was removed, which breaks its consumers (set its status to deprecated, with a replacement,"
        + " and remove it once it is retired)"), messages(removed.findings()));
    assertEquals(ProductChange.Kind.REMOVED, removed.products().get(1).kind());

    ContractReport retired = ContractCheck.check(new MeshContracts(List.of(nation.withStatus("retired")), null),
        new MeshContracts(List.of(), null), null);
    assertEquals(List.of(), retired.findings());

    ContractReport lowered = check(orders("2.0.0", "active", ID), orders("1.9.0", "active", ID));
    assertEquals(List.of("domains/sales.yaml:12: contract-version-goes-up: the version of product sales.orders goes"
        + " down from 2.0.0 to 1.9.0; the versions of an active product only go up"), messages(lowered.findings()));
  }

  @Test
  void addedProductsAndUnchangedOnesNeedNothing() {
    ProductContract nation = new ProductContract("reference.nation", null, "active", "domains/reference.yaml:7",
        List.of(ID), List.of());
    ContractReport report = ContractCheck.check(new MeshContracts(List.of(orders("1.0.0", "active", ID)), null),
        new MeshContracts(List.of(orders("1.0.0", "active", ID), nation), null), null);
    assertEquals(List.of(ProductChange.Kind.UNCHANGED, ProductChange.Kind.ADDED),
        report.products().stream().map(ProductChange::kind).toList());
    assertFalse(report.products().get(0).changed());
    assertEquals(List.of(), report.findings());
  }

  @Test
  void aSchemaThatIsNotKnownIsNotComparedAndSaysSo() {
    ProductContract unknown = new ProductContract("sales.orders", "1.0.0", "active", "domains/sales.yaml:12", null,
        List.of());
    ContractReport report = check(orders("1.0.0", "active", ID), unknown);
    assertEquals(List.of("domains/sales.yaml:12: contract-schema-known: the schema of product sales.orders was not"
        + " compared: the new version's source did not answer"), messages(report.warnings()));
    assertFalse(report.refused());
  }

  @Test
  void theFirstVersionHasNothingToCompare() {
    ContractReport report = ContractCheck.check(null, new MeshContracts(List.of(orders("1.0.0", "active", ID)),
        Map.of()), null);
    assertEquals(List.of(), report.products());
    assertEquals(List.of(), report.findings());
  }

  @Test
  void aProductMovingToActiveMustMeetTheErrorLevelStandards() {
    ProductContract draft = orders("0.9.0", "draft", ID);
    ProductContract failing = new ProductContract("sales.orders", "1.0.0", "active", "domains/sales.yaml:12",
        List.of(ID), List.of("product-has-description: product sales.orders has no description"));
    ContractReport report = check(draft, failing);
    assertEquals(List.of("domains/sales.yaml:12: active-meets-standards: product sales.orders cannot become active"
        + " (it was draft): product-has-description: product sales.orders has no description"),
        messages(report.findings()));
    // Already active: the standards are the load's business (strict mode), not the contract's.
    assertEquals(List.of(), check(orders("1.0.0", "active", ID), failing).findings());
    // New and active at once moves to active too.
    ContractReport added = ContractCheck.check(new MeshContracts(List.of(), null),
        new MeshContracts(List.of(failing), null), null);
    assertEquals(List.of("product sales.orders cannot become active: product-has-description: product sales.orders"
        + " has no description"), added.errors().stream().map(GovernanceFinding::message).toList());
  }

  @Test
  void policiesAreComparedByName() {
    ContractReport report = ContractCheck.check(
        new MeshContracts(List.of(), Map.of("a", "grant products [*] for roles [analyst]", "b", "deny products [x.*]"
            + " for everyone", "c", "mask tags [pii] with last4 for everyone")),
        new MeshContracts(List.of(), Map.of("a", "grant products [*] for roles [analyst]", "c",
            "mask tags [pii] with hash for everyone", "d", "grant products [y.*] for users [bob]")), null);
    assertEquals(List.of(
        new PolicyChange("c", PolicyChange.Kind.CHANGED, "mask tags [pii] with last4 for everyone",
            "mask tags [pii] with hash for everyone"),
        new PolicyChange("d", PolicyChange.Kind.ADDED, null, "grant products [y.*] for users [bob]"),
        new PolicyChange("b", PolicyChange.Kind.REMOVED, "deny products [x.*] for everyone", null)), report.policies());
    assertFalse(report.refused(), "policy changes are listed, not judged");
    assertEquals(List.of(), ContractCheck.check(new MeshContracts(List.of(), null),
        new MeshContracts(List.of(), Map.of("d", "x")), null).policies(), "unknown policies are not compared");
  }
}
