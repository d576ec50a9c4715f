package org.collabledger.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.collabledger.api.demo.DemoData;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.support.Boxes.Box;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.domain.shared.Currencies;
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
 * ledger with its demo data, as an artist, a curator, finance and an auditor: the folder's index, a
 * family tree readable and laid out in generations with no edge through a box, a release with the
 * money behind its pool and its lines largest first with a total, balances as the API gives them,
 * revenue recorded and read back at least at its position, a disabled control that looks disabled,
 * refusals said plainly, and a phone's screen. Whole-page screenshots land in {@code
 * target/screenshots}, named for the page and the role.
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
    private static final String ALBUM = DemoData.id("release", "album-1");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
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
        for (String name : Projections.READ_MODELS) {
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
    void theUiFolderAnswersWithItsIndex() {
        for (String path : List.of("/ui/", "/ui")) {
            open(path);
            wait.until(d -> !d.findElements(By.id("signin-form")).isEmpty());
            assertThat(browser.getCurrentUrl()).endsWith("/ui/");
            assertThat(browser.getTitle()).isEqualTo("Collaboration ledger");
        }
    }

    @Test
    void aFamilyTreeIsReadableLaidOutInGenerationsAndWalkedNodeByNode() throws IOException {
        signIn("auditor");
        open("/ui/family.html?record=" + GEN_6);
        wait.until(d -> d.findElements(By.cssSelector("#graph .node")).size() >= 7);
        assertThat(browser.findElement(By.cssSelector(".node.focus")).getAttribute("data-record"))
                .isEqualTo(GEN_6);
        assertReadableAndLaidOutInGenerations();
        screenshot("family-gen6-auditor");

        browser.findElement(By.id("zoom-fit")).click();
        browser.findElement(By.id("zoom-actual")).click();
        assertReadableAndLaidOutInGenerations();
        browser.findElement(By.cssSelector(".node[data-record='" + FINAL_MIX + "']")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#details h2"), "Final mix"));
        assertThat(browser.findElement(By.id("details")).getText()).contains("Joe (@joe)");
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
        assertThat(browser.findElements(By.cssSelector("#graph .node")).size()).isGreaterThan(3);
        screenshot("family-final-mix-auditor");
        assertAccessibleNames();
    }

    @Test
    void aReleaseShowsTheMoneyBehindItsPoolAndItsLinesLargestFirstWithATotal() throws IOException {
        signIn("curator");
        open("/ui/release.html?release=" + EPISODE);
        wait.until(
                d -> d.findElements(By.cssSelector("table.allocation-lines tbody tr")).size() >= 5);
        int contributors = browser.findElements(By.cssSelector("#contributors tbody tr")).size();
        assertThat(browser.findElements(By.cssSelector("#attribution-chart rect")))
                .hasSize(contributors);
        assertThat(browser.findElement(By.id("contributors")).getText())
                .contains("Ana (@ana)")
                .contains("25.0000%");

        JsonNode events = api("curator").get("/api/releases/" + EPISODE + "/events").json();
        long revenue = entries(events, "REVENUE");
        long costs = entries(events, "COST");
        assertThat(text("revenue-USD")).isEqualTo(money(revenue, "USD"));
        assertThat(text("costs-USD")).isEqualTo(money(costs, "USD"));
        assertThat(text("net-USD")).isEqualTo(money(revenue - costs, "USD"));

        JsonNode allocation =
                api("curator").get("/api/releases/" + EPISODE + "/allocations").json().get(0);
        assertThat(text("pooled-USD")).isEqualTo(money(allocation.path("pool").asLong(), "USD"));
        List<WebElement> rows =
                browser.findElements(By.cssSelector("table.allocation-lines tbody tr"));
        assertThat(rows).hasSize(allocation.path("lines").size());
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            long amount = minor(rows.get(i).findElement(By.cssSelector("td[data-minor]")));
            total += amount;
            if (i > 0) {
                long before = minor(rows.get(i - 1).findElement(By.cssSelector("td[data-minor]")));
                assertThat(amount)
                        .as("line %d is not larger than the one above", i)
                        .isLessThanOrEqualTo(before);
                if (amount == before) {
                    assertThat(rows.get(i).getAttribute("data-artist"))
                            .as("equal amounts by artist id")
                            .isGreaterThan(rows.get(i - 1).getAttribute("data-artist"));
                }
            }
            assertThat(rows.get(i).getText()).doesNotContainPattern(UUID_PATTERN);
        }
        assertThat(total).isEqualTo(allocation.path("pool").asLong());
        assertThat(browser.findElement(By.cssSelector("table.allocation-lines tfoot")).getText())
                .isEqualTo("Total " + money(total, "USD"));
        screenshot("release-episode-curator");
        assertAccessibleNames();

        open("/ui/release.html?release=" + ALBUM);
        wait.until(d -> !d.findElements(By.id("budget-USD")).isEmpty());
        JsonNode album = api("curator").get("/api/releases/" + ALBUM).json();
        assertThat(text("budget-USD"))
                .isEqualTo(
                        money(
                                album.path("budgetAmount").asLong(),
                                album.path("budgetCurrency").asText()));
        screenshot("release-album-budget-curator");
    }

    @Test
    void anArtistSeesTheReleaseWithoutItsMoneyAndIsToldWhy() throws IOException {
        signIn("artist");
        open("/ui/release.html?release=" + EPISODE);
        wait.until(d -> !d.findElements(By.id("money-hidden")).isEmpty());
        wait.until(d -> d.findElements(By.cssSelector("#contributors tbody tr")).size() >= 5);
        assertThat(browser.findElements(By.cssSelector("table.allocation-lines"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".problem"))).isEmpty();
        screenshot("release-episode-artist");
    }

    @Test
    void theBalanceCardShowsTheAmountsTheApiGives() throws IOException, InterruptedException {
        signIn("finance");
        open("/ui/artist.html?artist=" + ANA + "&currency=USD");
        wait.until(d -> d.findElements(By.cssSelector("#statement tbody tr")).size() >= 1);
        JsonNode balances = api("finance").get("/api/artists/" + ANA + "/balance").json();
        List<WebElement> shown = browser.findElements(By.cssSelector("#balances dd.amount"));
        assertThat(shown).hasSize(balances.path("balances").size()).isNotEmpty();
        for (JsonNode balance : balances.path("balances")) {
            String currency = balance.path("currency").asText();
            WebElement amount =
                    browser.findElement(
                            By.cssSelector("#balances dd[data-currency='" + currency + "']"));
            assertThat(amount.getText().replace('\u00a0', ' '))
                    .isEqualTo(money(balance.path("amount").asLong(), currency));
        }
        assertThat(browser.findElement(By.id("statement")).getText())
                .contains("First Times, episode 1");
        screenshot("statement-ana-finance");
        browser.findElement(By.id("download")).click();
        Path csv = downloads.resolve("statement-" + ANA + "-USD.csv");
        for (int i = 0; i < 100 && !Files.exists(csv); i++) {
            Thread.sleep(100);
        }
        assertThat(csv).exists();
        assertThat(Files.readString(csv)).contains("OPENING").contains("CLOSING");

        signIn("artist");
        open("/ui/artist.html?artist=" + ANA + "&currency=USD");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
        assertThat(browser.findElement(By.id("refused")).getText())
                .contains("Your role may not see this");
        screenshot("statement-refused-artist");
    }

    @Test
    void financeRecordsRevenueAndThePageReadsAtLeastThatPosition() throws IOException {
        signIn("finance");
        open("/ui/release.html?release=" + EPISODE);
        wait.until(d -> !d.findElements(By.id("revenue-USD")).isEmpty());
        long before = minor(browser.findElement(By.id("revenue-USD")));
        browser.findElement(By.id("entry-amount")).sendKeys("1,234.56");
        browser.findElement(By.id("entry-period")).sendKeys("2027-H1");
        browser.findElement(By.id("entry-source")).sendKeys("page-test-report");
        browser.findElement(By.id("entry-record")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("entry-status"), "Recorded"));
        Matcher position =
                Pattern.compile("ledger position (\\d+)")
                        .matcher(browser.findElement(By.id("entry-status")).getText());
        assertThat(position.find()).isTrue();
        assertThat(minor(browser.findElement(By.id("revenue-USD")))).isEqualTo(before + 123_456);
        screenshot("release-revenue-recorded-finance");

        // The next page of the same tab reads at least that position too.
        open("/ui/release.html?release=" + EPISODE);
        wait.until(d -> !d.findElements(By.id("revenue-USD")).isEmpty());
        Object reads =
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "return performance.getEntriesByType('resource').map(e => e.name)"
                                        + ".filter(n => n.includes('/api/releases/'));");
        assertThat((List<?>) reads)
                .isNotEmpty()
                .allSatisfy(
                        url -> assertThat((String) url).contains("atLeast=" + position.group(1)));
    }

    @Test
    void anAuditorVerifiesTheLedgerAndForOthersTheButtonLooksDisabled() throws IOException {
        signIn("auditor");
        open("/ui/auditor.html");
        wait.until(d -> d.findElements(By.id("root")).size() == 1);
        assertThat(browser.findElement(By.id("root")).getText()).matches("[0-9a-f]{64}");
        String enabledBackground = style("verify", "background-color");
        browser.findElement(By.id("verify")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Clean"));
        screenshot("auditor-verified-auditor");

        for (String user : List.of("finance", "artist")) {
            signIn(user);
            open("/ui/auditor.html");
            wait.until(d -> d.findElements(By.id("root")).size() == 1);
            WebElement verify = browser.findElement(By.id("verify"));
            assertThat(verify.isEnabled()).isFalse();
            assertThat(verify.getAttribute("aria-disabled")).isEqualTo("true");
            assertThat(style("verify", "cursor")).isEqualTo("not-allowed");
            assertThat(style("verify", "background-color")).isNotEqualTo(enabledBackground);
            assertThat(contrast(style("verify", "color"), style("verify", "background-color")))
                    .as("greyed, not the bright enabled look")
                    .isLessThan(contrast(style("download-digest", "color"), enabledBackground));
            screenshot("auditor-disabled-verify-" + user);
        }
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
                            "/ui/artist.html?artist=" + ANA + "&currency=USD",
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
            Files.write(
                    SCREENSHOTS.resolve("phone-auditor.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /**
     * Every text of the family picture is at least 12 px on screen and inside its box; boxes sit in
     * one row per generation, originals on top; every citation runs from its resource's bottom down
     * to its remix's top and through no box.
     */
    @SuppressWarnings("unchecked")
    private void assertReadableAndLaidOutInGenerations() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        List<Number> sizes =
                (List<Number>)
                        js.executeScript(
                                "return [...document.querySelectorAll('#graph svg text')].map(t =>"
                                        + " parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);");
        assertThat(sizes)
                .isNotEmpty()
                .allSatisfy(px -> assertThat(px.doubleValue()).isGreaterThanOrEqualTo(12));
        List<Boolean> fits =
                (List<Boolean>)
                        js.executeScript(
                                "return [...document.querySelectorAll('#graph .node')].map(g => {"
                                        + " const r = g.querySelector('rect').getBBox();"
                                        + " return [...g.querySelectorAll('text')].every(t => { const b = t.getBBox();"
                                        + " return b.x >= r.x && b.x + b.width <= r.x + r.width; }); });");
        assertThat(fits).isNotEmpty().doesNotContain(false);
        List<Map<String, Object>> nodes =
                (List<Map<String, Object>>)
                        js.executeScript(
                                "return [...document.querySelectorAll('#graph .node')].map(g => {"
                                        + " const r = g.querySelector('rect');"
                                        + " return { id: g.dataset.record, generation: Number(g.dataset.generation),"
                                        + " x: r.x.baseVal.value, y: r.y.baseVal.value,"
                                        + " width: r.width.baseVal.value, height: r.height.baseVal.value }; });");
        List<Map<String, Object>> edges =
                (List<Map<String, Object>>)
                        js.executeScript(
                                "return [...document.querySelectorAll('#graph path.edge')].map(p =>"
                                        + " ({ from: p.dataset.from, to: p.dataset.to, d: p.getAttribute('d') }));");
        Map<String, Box> boxes = new java.util.HashMap<>();
        Map<String, Integer> generations = new java.util.HashMap<>();
        for (Map<String, Object> node : nodes) {
            boxes.put(
                    (String) node.get("id"),
                    new Box(
                            number(node, "x"),
                            number(node, "y"),
                            number(node, "width"),
                            number(node, "height")));
            generations.put((String) node.get("id"), (int) number(node, "generation"));
        }
        for (String a : boxes.keySet()) {
            for (String b : boxes.keySet()) {
                assertThat(Double.compare(boxes.get(a).y(), boxes.get(b).y()))
                        .as("rows of %s and %s follow their generations", a, b)
                        .isEqualTo(Integer.compare(generations.get(a), generations.get(b)));
            }
        }
        assertThat(edges).isNotEmpty();
        for (Map<String, Object> edge : edges) {
            Box from = boxes.get((String) edge.get("from"));
            Box to = boxes.get((String) edge.get("to"));
            List<double[]> points = new ArrayList<>();
            for (String point :
                    ((String) edge.get("d")).replaceAll("[ML]", " ").trim().split("\\s+")) {
                String[] xy = point.split(",");
                points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
            assertThat(points.get(0)[1])
                    .as("leaves its resource's bottom")
                    .isEqualTo(from.y() + from.height());
            assertThat(points.get(points.size() - 1)[1])
                    .as("enters its remix's top")
                    .isEqualTo(to.y());
            for (int i = 1; i < points.size(); i++) {
                double[] a = points.get(i - 1);
                double[] b = points.get(i);
                for (Map.Entry<String, Box> box : boxes.entrySet()) {
                    assertThat(box.getValue().entered(a[0], a[1], b[0], b[1]))
                            .as("%s runs through %s", edge, box.getKey())
                            .isFalse();
                }
            }
        }
    }

    private static double number(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    private static long entries(JsonNode events, String kind) {
        long total = 0;
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("release.entry-recorded")
                    && event.path("payload").path("entry").asText().equals(kind)) {
                total += event.path("payload").path("amount").path("amount").asLong();
            }
        }
        return total;
    }

    /** Minor units as the pages show them: "USD 1,500.00", with the ledger's decimals. */
    private static String money(long minor, String currency) {
        int digits = Currencies.minorUnits().get(currency);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return (minor < 0 ? "-" : "")
                + currency
                + " "
                + format.format(BigDecimal.valueOf(Math.abs(minor), digits));
    }

    private static long minor(WebElement amount) {
        return Long.parseLong(amount.getAttribute("data-minor"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().replace('\u00a0', ' ');
    }

    private String style(String id, String property) {
        return browser.findElement(By.id(id)).getCssValue(property);
    }

    /** WCAG contrast ratio of two CSS colours given as rgb()/rgba(). */
    private static double contrast(String one, String other) {
        double a = luminance(one);
        double b = luminance(other);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String css) {
        String[] parts = css.replaceAll("[^0-9.,]", "").split(",");
        double[] channel = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Double.parseDouble(parts[i]) / 255;
            channel[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
    }

    private LedgerHttp api(String user) {
        return LedgerHttp.on(port, user);
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

    /**
     * Saves the whole page (the window grown to its height) after checking that no value shows as
     * "[object …]".
     */
    private void screenshot(String name) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat((String) js.executeScript("return document.body.innerText;"))
                .as(name)
                .doesNotContain("[object")
                .doesNotContain("undefined")
                .doesNotContain("NaN");
        long height = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.max(900, height + 120)));
        try {
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }
}
