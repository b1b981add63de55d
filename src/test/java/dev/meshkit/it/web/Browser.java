package dev.meshkit.it.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver. Both paths are given, so
 * Selenium never looks for (or downloads) a driver or a browser of its own. Every browser has a
 * fresh profile, deleted on close, so no cookie or cache carries over from one run to the next.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where every step's screenshot goes; the good ones are copied to docs/images by hand. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Selenium warns on every start that it has no DevTools bindings for this Chromium version; the
   * suite uses WebDriver only, so the warning says nothing. Held here so the setting is not
   * collected with the logger.
   */
  private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

  static {
    DEVTOOLS_LOG.setLevel(Level.SEVERE);
  }

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Skips the calling class with a visible message when Chromium or its driver is missing, unless
   * the CI script made the integration suite mandatory (meshkit.it.required=true): then it fails.
   */
  static void require() {
    List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String where = "headless Chromium not installed (missing " + missing + ")";
    String howToInstall = "install it with `apt-get install -y chromium chromium-driver` (.ci/run does)";
    if (Boolean.getBoolean("meshkit.it.required")) {
      fail(where + "; the integration suite requires it (meshkit.it.required=true): " + howToInstall);
    }
    String message = where + ", browser test skipped; " + howToInstall;
    System.err.println("[meshkit-it] " + message);
    Assumptions.assumeTrue(false, message);
  }

  static Browser start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("meshkit-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  /** Opens a path of the server, such as {@code /catalog/}. */
  void open(String url) {
    driver.get(url);
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement waitForId(String id) {
    return waitFor(By.id(id));
  }

  /** Waits until the condition holds, or fails the test after {@link #WAIT}. */
  void waitUntil(BooleanSupplier condition) {
    new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
  }

  /** Waits until the element is in the page, shown or not (an empty list has no size). */
  WebElement waitForPresent(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Waits until the element's text contains the given text, then returns the element. */
  WebElement waitForText(By by, String text) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  /** Saves the page as it looks now to target/screenshots/NAME.png and returns that file. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves only the element, such as one section of a page, to target/screenshots/NAME.png. */
  Path screenshot(String name, By element) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.move(driver.findElement(element).getScreenshotAs(OutputType.FILE).toPath(), file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Object script(String javaScript, Object... args) {
    return driver.executeScript(javaScript, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A profile left in the temporary folder does no harm.
      }
    }
  }
}
