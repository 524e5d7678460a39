package org.guichet.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.guichet.itests.support.Distribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The pages in a real browser (Debian's headless Chromium): the simulator journey with JavaScript turned off, and
 * axe-core (WCAG 2.1 A and AA rules) on every page, at desktop and phone widths. Screenshots go to
 * target/screenshots. On CI the browser must be there (.ci/run installs it); elsewhere the test is skipped without it.
 */
class WebPagesBrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static Distribution dist;

    @BeforeAll
    static void start() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(browser, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        assertTrue(browser, "CI must install chromium and chromium-driver");
        Files.createDirectories(SCREENSHOTS);
        dist = Distribution.unpack("browser");
        dist.start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    static WebDriver browser(boolean javascript, int width) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=fr-FR", "--window-size=" + width + ",1000");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, 1000));
        return driver;
    }

    @Test
    void theSimulatorJourneyWorksWithoutJavaScript() throws Exception {
        WebDriver driver = browser(false, 360);
        try {
            driver.get(dist.url("/"));
            assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
            driver.findElement(By.cssSelector("a[href='/aides/vocational-training']")).click();
            assertTrue(driver.getTitle().contains("Aide financière à la formation professionnelle"), driver.getTitle());

            // submitting nothing: every question is flagged, with a summary linking to each
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            assertTrue(driver.getTitle().startsWith("Erreur"), driver.getTitle());
            assertTrue(driver.findElements(By.cssSelector(".error-summary li a")).size() >= 10);
            assertEquals("true", driver.findElement(By.id("trainingHours")).getAttribute("aria-invalid"));

            // the specification's worked example, typed as a person would
            type(driver, "birthDate", "10/03/2001");
            type(driver, "trainingStartDate", "14/09/2026");
            type(driver, "trainingEndDate", "26/02/2027");
            type(driver, "trainingHours", "600");
            choose(driver, "programme", "QUALIF_EMPLOI");
            choose(driver, "regionFunded", "true");
            choose(driver, "franceTravailRegistered", "true");
            choose(driver, "unemploymentBenefit", "NONE");
            choose(driver, "taxNoticeProvided", "true");
            type(driver, "referenceTaxIncome", "14 400");
            type(driver, "taxShares", "1");
            choose(driver, "familyBreakdown", "false");
            choose(driver, "singleParent", "false");
            type(driver, "homeToTrainingKm", "25");
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            screenshot(driver, "simulator-submitted-360");
            noErrors(driver);
            String result = driver.findElement(By.cssSelector(".result")).getText();
            assertTrue(result.contains("vous pouvez avoir cette aide"), result);
            assertTrue(result.matches("(?s).*2\\D?582,76\\D*€.*"), result);
            assertTrue(result.contains("septembre 2026") && result.contains("266,33"), result);
            screenshot(driver, "simulator-result-360");
        } finally {
            driver.quit();
        }
    }

    @Test
    void everyPageHasNoAxeViolation() throws Exception {
        for (int width : new int[] {1280, 360}) {
            WebDriver driver = browser(true, width);
            try {
                check(driver, "/", "home-" + width);
                check(driver, "/?lang=en", "home-en-" + width);
                check(driver, "/aides/vocational-training", "simulator-vocational-training-" + width);
                check(driver, "/aides/driving-licence", "simulator-driving-licence-" + width);
                check(driver, "/aides/no-such-aid", "not-found-" + width);
                driver.get(dist.url("/aides/driving-licence"));
                driver.findElement(By.cssSelector("form button[type=submit]")).click();
                audit(driver, "simulator-errors-" + width);
                type(driver, "birthDate", "01/06/2005");
                type(driver, "applicationDate", "28/11/2026");
                choose(driver, "missionLocaleFollowed", "true");
                choose(driver, "pathway", "OTHER");
                choose(driver, "licenceObstacleToProject", "true");
                choose(driver, "drivingSchoolInRegion", "true");
                choose(driver, "includesHighwayCode", "true");
                type(driver, "quoteAmount", "1720,50");
                driver.findElement(By.cssSelector("form button[type=submit]")).click();
                noErrors(driver);
                assertTrue(driver.findElement(By.cssSelector(".result")).getText().contains("ne pouvez pas"));
                audit(driver, "simulator-refused-" + width);
            } finally {
                driver.quit();
            }
        }
    }

    private static void noErrors(WebDriver driver) {
        List<WebElement> summary = driver.findElements(By.cssSelector(".error-summary"));
        assertTrue(summary.isEmpty(), () -> "the form was refused: " + summary.get(0).getText());
    }

    private static void check(WebDriver driver, String path, String name) throws Exception {
        driver.get(dist.url(path));
        audit(driver, name);
    }

    private static void audit(WebDriver driver, String name) throws Exception {
        screenshot(driver, name);
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<Rule> violations = results.getViolations();
        assertTrue(violations.isEmpty(), name + " (" + driver.getCurrentUrl() + "): " + violations.stream()
                .map(v -> v.getId() + " — " + v.getHelp() + " — " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
    }

    private static void type(WebDriver driver, String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void choose(WebDriver driver, String name, String value) {
        driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).click();
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
