package dev.meshkit.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Feedback;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.server.MeshServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web catalog as a person uses it, in headless Chromium: signing in, searching, a product
 * page with its charts and lineage graph drawn, feedback posted and listed as text, a problem
 * reported and resolved, a draft product
 * only its domain's member finds, and the governance pages only for a principal granted
 * {@code sys}. The element ids are those the page script gives (src/main/resources/dev/meshkit/web/app.js),
 * and {@code body[data-ready=true]} says a page's data is loaded and drawn. Each step saves a
 * screenshot to target/screenshots; docs/images holds copies of the ones the docs show.
 */
@Tag("integration")
class WebCatalogBrowserTest {

  @TempDir
  static Path dir;
  static Mesh mesh;
  static MeshServer server;
  static Browser browser;
  /** The server's root, such as {@code http://127.0.0.1:41234}. */
  static String root;

  @BeforeAll
  static void start() throws SQLException {
    Browser.require();
    mesh = CatalogMesh.load(dir);
    server = MeshServer.builder(mesh).port(0).webCatalog(true).start();
    root = "http://127.0.0.1:" + server.port();
    // Usage and quality history for the charts: ann and cora read the products, the checks run twice.
    for (String user : List.of("ann", "cora", "ann")) {
      try (Connection c = mesh.connect(principal(user)); Statement s = c.createStatement()) {
        for (String product : List.of("sales.orders", "sales.customer", "sales.revenue_by_nation")) {
          try (ResultSet rs = s.executeQuery("SELECT * FROM " + product)) {
            while (rs.next()) {
              // every row is read, so that it counts as served
            }
          }
        }
      }
    }
    mesh.quality().runAll();
    mesh.quality().runAll();
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndTheRightOneSignsIn() {
    browser.driver.manage().deleteAllCookies();
    browser.open(root + "/catalog/login");
    browser.waitForId("login-form");
    browser.screenshot("catalog-login");
    submitLogin("ann", "not-her-password");
    assertFalse(browser.waitForId("login-error").getText().isBlank());
    assertFalse(browser.present(By.id("whoami")));
    submitLogin("ann", CatalogMesh.PASSWORDS.get("ann"));
    assertEquals("ann", browser.waitForText(By.id("whoami"), "ann").getText().trim());
  }

  @Test
  void searchListsTheHitsInTheOrderOfSearchProducts() throws SQLException {
    signIn("ann");
    browser.open(root + "/catalog/");
    WebElement box = browser.waitForId("search-box");
    box.clear();
    box.sendKeys("orders");
    browser.driver.findElement(By.id("search-submit")).click();
    List<String> ranked = searchInSql("ann", "orders");
    assertTrue(ranked.contains("sales.orders"), ranked.toString());
    // The page lists every product before the search, so wait for the list to change to the hits.
    browser.waitUntil(() -> ranked.equals(shownHits()));
    assertEquals(ranked, shownHits());
    browser.screenshot("catalog-search");
  }

  /** Read in one go in the page, as the list may be replaced while it is read. */
  @SuppressWarnings("unchecked")
  private static List<String> shownHits() {
    return (List<String>) browser.script("return Array.from(document.querySelectorAll("
        + "\"#search-results li[data-testid='search-result']\"), li => li.getAttribute('data-product'));");
  }

  @Test
  void productPageShowsMetadataSchemaAndMaskedColumns() {
    signIn("ann");
    openProduct("sales.customer");
    assertEquals("sales-team@acme.example", text("product-owner"));
    assertEquals("active", text("product-status").toLowerCase());
    assertEquals("true", column("phone").getDomAttribute("data-masked"), "ann sees phones masked");
    assertEquals("false", column("customer_id").getDomAttribute("data-masked"));
    assertTrue(text("sample-query").contains("sales.customer"), text("sample-query"));

    signIn("cora");
    openProduct("sales.customer");
    assertEquals("false", column("phone").getDomAttribute("data-masked"), "cora is in compliance and sees phones");
  }

  @Test
  void deprecatedProductLinksToItsReplacement() {
    signIn("ann");
    openProduct("sales.orders_v1");
    browser.waitForId("product-deprecation");
    browser.driver.findElement(By.id("product-replacement")).click();
    browser.waitFor(By.cssSelector("#product[data-product='sales.orders']"));
  }

  @Test
  void chartsAndLineageGraphAreDrawn() throws SQLException {
    signIn("ann");
    openProduct("sales.revenue_by_nation");
    assertDrawn("lineage-graph");
    browser.screenshot("catalog-lineage", By.id("lineage"));

    openProduct("sales.orders");
    assertEquals("2.0.0", text("product-version"));
    browser.screenshot("catalog-product");
    assertEquals("passing", text("quality-status").toLowerCase());
    assertDrawn("quality-chart");
    assertDrawn("usage-chart");
    long queries = count("ann", "SELECT queries FROM catalog.usage WHERE domain_name = 'sales' AND product_name = 'orders'");
    assertEquals(3, queries);
    assertTrue(text("usage-total").startsWith(queries + " queries"), text("usage-total"));
    scrollTo("quality-chart");
    browser.screenshot("catalog-charts");
  }

  @Test
  void feedbackIsPostedListedAndShownAsText() {
    String comment = "<img src=x onerror=\"window.pwned=1\"><b>Reliable</b> & complete";
    signIn("ann");
    openProduct("sales.orders");
    new Select(browser.waitForId("feedback-kind")).selectByValue("rating");
    new Select(browser.driver.findElement(By.id("feedback-rating"))).selectByValue("4");
    browser.driver.findElement(By.id("feedback-comment")).sendKeys(comment);
    browser.driver.findElement(By.id("feedback-submit")).click();
    browser.waitForId("feedback-message");
    WebElement item = browser.waitFor(By.cssSelector("#feedback-list li[data-testid='feedback-item'][data-kind='rating']"));
    assertEquals(comment, item.findElement(By.className("feedback-comment")).getText());
    assertTrue(browser.driver.findElements(By.cssSelector("#feedback-list img, #feedback-list b")).isEmpty(),
        "the comment's markup is shown as text, not made into elements");
    assertNull(browser.script("return window.pwned;"));
    browser.screenshot("catalog-feedback", By.id("feedback"));

    // Stored, not only drawn: the mesh lists it, and it is still there after a reload.
    List<Feedback> stored = mesh.feedback().list(principal("ann"), "sales.orders");
    assertEquals(1, stored.size());
    assertEquals(4, stored.get(0).rating());
    assertEquals(comment, stored.get(0).comment());
    openProduct("sales.orders");
    WebElement again = browser.waitFor(By.cssSelector("#feedback-list li[data-testid='feedback-item']"));
    assertEquals(String.valueOf(stored.get(0).id()), again.getDomAttribute("data-id"));
  }

  @Test
  void aReportedProblemIsResolvedByAPrincipalGrantedSys() {
    String problem = "Phone numbers of nation 3 are empty since Monday";
    signIn("ann");
    openProduct("sales.customer");
    new Select(browser.waitForId("feedback-kind")).selectByValue("problem");
    browser.driver.findElement(By.id("feedback-comment")).sendKeys(problem);
    browser.driver.findElement(By.id("feedback-submit")).click();
    WebElement reported = browser.waitFor(By.cssSelector("#feedback-list li[data-kind='problem']"));
    assertEquals(problem, reported.findElement(By.className("feedback-comment")).getText());
    assertTrue(reported.findElement(By.className("feedback-status")).getText().contains("open"));
    assertFalse(browser.present(By.cssSelector("button[data-testid='resolve-problem']")),
        "ann is not a member of sales, so she may not resolve it");

    signIn("gwen");
    openProduct("sales.customer");
    browser.waitFor(By.cssSelector("#feedback-list li[data-kind='problem'] button[data-testid='resolve-problem']"))
        .click();
    browser.waitForText(By.cssSelector("#feedback-list li[data-kind='problem'] .feedback-status"), "resolved");
    browser.screenshot("catalog-problem-resolved", By.id("feedback"));
  }

  @Test
  void aDraftProductIsFoundOnlyByItsDomainsMember() throws SQLException {
    signIn("ann");
    search("churn");
    browser.waitForId("search-empty");
    assertFalse(browser.present(By.cssSelector("li[data-product='" + CatalogMesh.DRAFT + "']")));
    assertEquals(List.of(), searchInSql("ann", "churn"));
    browser.open(root + "/catalog/products/" + CatalogMesh.DRAFT);
    browser.waitForId("not-found");
    assertFalse(browser.present(By.id("product")));
    String hidden = text("not-found");
    // Exactly what an unknown product shows, so nothing hints that the draft exists.
    browser.open(root + "/catalog/products/lab.no_such_product");
    assertEquals(hidden.replace(CatalogMesh.DRAFT, "?"), text("not-found").replace("lab.no_such_product", "?"));
    browser.screenshot("catalog-draft-hidden");

    signIn("cora");
    search("churn");
    WebElement hit = browser.waitFor(By.cssSelector("li[data-product='" + CatalogMesh.DRAFT + "']"));
    hit.findElement(By.cssSelector("a[data-testid='product-link']")).click();
    browser.waitFor(By.cssSelector("#product[data-product='" + CatalogMesh.DRAFT + "']"));
    awaitReady();
    assertEquals("draft", text("product-status").toLowerCase());
  }

  @Test
  void domainsPageListsOwnersAndOnlyDomainsWithVisibleProducts() {
    signIn("ann");
    browser.open(root + "/catalog/domains");
    awaitReady();
    WebElement sales = browser.waitFor(By.cssSelector("#domains-list li[data-domain='sales']"));
    assertTrue(sales.findElement(By.className("domain-owner")).getText().contains("sales-team@acme.example"));
    assertTrue(browser.present(By.cssSelector("#domains-list a[data-product='reference.nation']")));
    assertFalse(browser.present(By.cssSelector("#domains-list li[data-domain='lab']")), "lab only holds a draft");
    browser.screenshot("catalog-domains");
  }

  @Test
  void governancePagesAreForPrincipalsGrantedSys() throws SQLException {
    signIn("gwen");
    assertTrue(browser.driver.findElement(By.id("nav-report")).isDisplayed());
    browser.open(root + "/catalog/report");
    awaitReady();
    assertTrue(browser.waitForId("report-json").getText().startsWith("# Governance report: acme"));
    browser.screenshot("catalog-report");
    browser.open(root + "/catalog/changes");
    awaitReady();
    WebElement changes = browser.waitForPresent(By.id("changes-list"));
    assertEquals(count("gwen", "SELECT COUNT(*) FROM sys.mesh_changes"),
        changes.findElements(By.cssSelector("li[data-testid='change']")).size());

    signIn("ann");
    assertFalse(visible(By.id("nav-report")));
    assertFalse(visible(By.id("nav-changes")));
    for (String page : List.of("report", "changes")) {
      browser.open(root + "/catalog/" + page);
      awaitReady();
      browser.waitForId("forbidden");
      assertFalse(browser.present(By.id("report-json")));
      assertFalse(browser.present(By.id("changes-list")));
    }
  }

  // --- steps ---

  /** Signs in afresh through the login page, whoever was signed in before. */
  private static void signIn(String user) {
    browser.driver.manage().deleteAllCookies();
    browser.open(root + "/catalog/login");
    submitLogin(user, CatalogMesh.PASSWORDS.get(user));
    browser.waitForText(By.id("whoami"), user);
    awaitReady();
  }

  private static void submitLogin(String user, String password) {
    WebElement name = browser.waitForId("login-user");
    name.clear();
    name.sendKeys(user);
    WebElement secret = browser.driver.findElement(By.id("login-password"));
    secret.clear();
    secret.sendKeys(password);
    browser.driver.findElement(By.id("login-submit")).click();
  }

  private static void search(String terms) {
    browser.open(root + "/catalog/?q=" + terms);
    awaitReady();
  }

  private static void openProduct(String product) {
    browser.open(root + "/catalog/products/" + product);
    browser.waitFor(By.cssSelector("#product[data-product='" + product + "']"));
    awaitReady();
  }

  /** Waits until the page says its data is loaded and drawn. */
  private static void awaitReady() {
    browser.waitFor(By.cssSelector("body[data-ready='true']"));
  }

  private static String text(String id) {
    return browser.waitForId(id).getText().trim();
  }

  private static WebElement column(String name) {
    return browser.driver.findElement(
        By.cssSelector("#schema-table tr[data-testid='schema-column'][data-column='" + name + "']"));
  }

  private static void scrollTo(String id) {
    browser.script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'});", id);
  }

  /**
   * The container says it is drawn, and holds a canvas of non-zero size with pixels painted on
   * it: a chart library that failed to draw would leave it empty or transparent.
   */
  private static void assertDrawn(String id) {
    WebElement container = browser.waitFor(By.cssSelector("#" + id + "[data-drawn='true']"));
    WebElement canvas = container.findElement(By.tagName("canvas"));
    assertTrue(canvas.getSize().getWidth() > 0 && canvas.getSize().getHeight() > 0, id + " canvas has no size");
    Number painted = (Number) browser.script("""
        const c = arguments[0], data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) n++; }
        return n;""", canvas);
    assertTrue(painted.longValue() > 100, id + " canvas is blank (" + painted + " painted pixels)");
  }

  private static List<String> searchInSql(String user, String terms) throws SQLException {
    List<String> hits = new ArrayList<>();
    try (Connection c = mesh.connect(principal(user));
        PreparedStatement s = c.prepareStatement("SELECT product_name FROM TABLE(catalog.search_products(?))")) {
      s.setString(1, terms);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          hits.add(rs.getString(1));
        }
      }
    }
    return hits;
  }

  private static long count(String user, String sql) throws SQLException {
    try (Connection c = mesh.connect(principal(user)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** In the page and shown: the header keeps some links hidden rather than leaving them out. */
  private static boolean visible(By by) {
    return browser.driver.findElements(by).stream().anyMatch(WebElement::isDisplayed);
  }

  private static Principal principal(String name) {
    return mesh.principal(name).orElseThrow();
  }
}
