package org.coordinatedcare.system;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests ({@code *BrowserIT}): installed or a failure that says how to
 * install it (never a skip), a fresh profile per browser, and a screenshot and the page source in
 * {@code target/browser/} when a test fails.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path EVIDENCE = Path.of("target", "browser");

    private HeadlessChromium() {}

    public static void assertInstalled() {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER)
                .filter(path -> !Files.isExecutable(path))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            fail(
                    "The browser tests need Debian's headless Chromium and its driver, but "
                            + String.join(" and ", missing) + " is missing. Install them as root with "
                            + "`apt-get install chromium chromium-driver` (or run src/test/browser/ensure-chromium.sh as root).");
        }
    }

    /** A new browser on its own profile folder. */
    public static WebDriver open(Path profileDir) {
        // The driver is given explicitly, so Selenium Manager is never asked to find or download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000",
                "--user-data-dir=" + profileDir);
        return new ChromeDriver(service, options);
    }

    /** Stops Chromium and chromedriver and deletes the profile. */
    public static void close(WebDriver browser, Path profileDir) throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (profileDir != null) {
                try (Stream<Path> files = Files.walk(profileDir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    public static void saveEvidence(WebDriver browser, String name) {
        if (browser == null) {
            return;
        }
        try {
            Files.createDirectories(EVIDENCE);
            Files.write(EVIDENCE.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(
                    EVIDENCE.resolve(name + ".html"),
                    "<!-- " + browser.getCurrentUrl() + " -->\n" + browser.getPageSource());
        } catch (RuntimeException | IOException e) {
            System.err.println("Could not save the browser's evidence for " + name + ": " + e);
        }
    }
}
