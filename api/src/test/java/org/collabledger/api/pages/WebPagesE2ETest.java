package org.collabledger.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.collabledger.api.projections.Projections;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.release.ReleaseProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages in real headless Chromium (Debian's, driven by its chromedriver) against the running
 * ledger with its demo data: sign in, walk a family tree, read a release, download a statement,
 * verify the ledger, see a refusal for a role that may not look, and fit a phone's screen.
 * Screenshots land in {@code target/screenshots}.
 */
// Closed after the class: a context left for the JVM's exit keeps its processors polling through
// later classes.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.demo.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesE2ETest {

    private static final String GEN_6 = "55b5ea6d-9f63-3ca5-9998-5955c7e845ac";
    private static final String FINAL_MIX = "f60dadfa-1726-307e-9ec1-c22db436efb8";
    private static final String EPISODE = "c603a13c-7ffc-3edb-997d-474b39ef1a5f";
    private static final String ANA = "1e9ba79b-1573-38ba-8117-16e2347497af";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort int port;

    @Autowired Projections projections;

    private ChromeDriver browser;
    private WebDriverWait wait;
    // Deleted after the class, once the browser has quit: left behind, every run added two
    // directories to /tmp.
    @TempDir static Path downloads;
    @TempDir static Path profile;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @BeforeAll
    void chromium() throws IOException {
        for (String name :
                List.of(
                        LineageProjection.PROCESSING_GROUP,
                        ReleaseProjection.PROCESSING_GROUP,
                        MoneyProjection.PROCESSING_GROUP)) {
            projections.awaitCaughtUp(name, Duration.ofSeconds(30));
        }
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // As root, with no network beyond loopback: no sandbox, and none of Chromium's background
        // calls home.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .usingAnyFreePort()
                        .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aFamilyTreeIsWalkedNodeByNode() throws IOException {
        signIn("auditor");
        open("/ui/family.html?record=" + GEN_6);
        wait.until(d -> d.findElements(By.cssSelector("#viewport .node")).size() >= 7);
        assertThat(browser.findElement(By.cssSelector(".node.focus")).getAttribute("data-record"))
                .isEqualTo(GEN_6);
        screenshot("family-gen6");

        browser.findElement(By.id("zoom-in")).click();
        browser.findElement(By.id("zoom-reset")).click();
        browser.findElement(By.cssSelector(".node[data-record='" + FINAL_MIX + "']")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#details h2"), "Final mix"));
        browser.findElement(By.id("open-family")).click();
        wait.until(ExpectedConditions.urlContains("record=" + FINAL_MIX));
        wait.until(
                d ->
                        d.findElements(
                                                By.cssSelector(
                                                        ".node.focus[data-record='"
                                                                + FINAL_MIX
                                                                + "']"))
                                        .size()
                                == 1);
        assertThat(browser.findElements(By.cssSelector("#viewport .node")).size()).isGreaterThan(3);
        screenshot("family-final-mix");
        assertAccessibleNames();
    }

    @Test
    void aReleaseShowsItsContributorsChartAndAllocations() throws IOException {
        signIn("curator");
        open("/ui/release.html?release=" + EPISODE);
        wait.until(d -> d.findElements(By.cssSelector("#contributors tbody tr")).size() >= 5);
        int contributors = browser.findElements(By.cssSelector("#contributors tbody tr")).size();
        assertThat(browser.findElements(By.cssSelector("#attribution-chart rect")))
                .hasSize(contributors);
        assertThat(browser.findElement(By.id("contributors")).getText())
                .contains("@ana")
                .contains("25.0000%");
        WebElement allocation = browser.findElement(By.cssSelector("#content details summary"));
        assertThat(allocation.getText()).contains("finalized");
        allocation.click();
        wait.until(
                d -> d.findElements(By.cssSelector("table.allocation-lines tbody tr")).size() >= 5);
        screenshot("release-episode");
        assertAccessibleNames();
    }

    @Test
    void financeDownloadsAStatementAndAnArtistMayNotSeeAnothersMoney()
            throws IOException, InterruptedException {
        signIn("finance");
        open("/ui/artist.html?artist=" + ANA + "&currency=USD");
        wait.until(d -> d.findElements(By.cssSelector("#statement tbody tr")).size() >= 1);
        screenshot("statement-ana");
        browser.findElement(By.id("download")).click();
        Path csv = downloads.resolve("statement-" + ANA + "-USD.csv");
        for (int i = 0; i < 100 && !Files.exists(csv); i++) {
            Thread.sleep(100);
        }
        assertThat(csv).exists();
        assertThat(Files.readString(csv))
                .startsWith("date,kind")
                .contains("OPENING")
                .contains("CLOSING");

        signIn("artist");
        open("/ui/artist.html?artist=" + ANA + "&currency=USD");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
        assertThat(browser.findElement(By.id("refused")).getText())
                .contains("Your role may not see this");
        screenshot("statement-refused-for-another-artist");
    }

    @Test
    void anAuditorVerifiesTheLedgerAndOthersMayNot() throws IOException {
        signIn("auditor");
        open("/ui/auditor.html");
        wait.until(d -> d.findElements(By.id("root")).size() == 1);
        assertThat(browser.findElement(By.id("root")).getText()).matches("[0-9a-f]{64}");
        browser.findElement(By.id("verify")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Clean"));
        screenshot("auditor-verified");

        signIn("artist");
        open("/ui/auditor.html");
        wait.until(d -> d.findElements(By.id("root")).size() == 1);
        assertThat(browser.findElement(By.id("verify")).isEnabled()).isFalse();
    }

    @Test
    void thePagesFitAPhone() throws IOException {
        signIn("auditor");
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page :
                    List.of(
                            "/ui/index.html",
                            "/ui/release.html?release=" + EPISODE,
                            "/ui/family.html?record=" + GEN_6,
                            "/ui/auditor.html")) {
                open(page);
                wait.until(d -> !d.findElements(By.cssSelector("header nav a")).isEmpty());
                Object overflow =
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(((Number) overflow).intValue())
                        .as(page + " scrolls sideways")
                        .isLessThanOrEqualTo(1);
            }
            screenshot("phone-auditor");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private void signIn(String user) {
        open("/ui/index.html");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("ledger-dev");
        browser.findElement(By.id("signin-button")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("signin-result"), "Signed in as " + user));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Every control has an accessible name: buttons by text or aria-label, inputs by a label. */
    private void assertAccessibleNames() {
        Object unnamed =
                ((JavascriptExecutor) browser)
                        .executeScript(
                                """
                return [...document.querySelectorAll('button')].filter(b =>
                         !((b.getAttribute('aria-label') || b.textContent).trim())).length
                     + [...document.querySelectorAll('input')].filter(i => i.labels.length === 0).length;""");
        assertThat(((Number) unnamed).intValue()).isZero();
    }

    private void screenshot(String name) throws IOException {
        Files.write(
                SCREENSHOTS.resolve(name + ".png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
