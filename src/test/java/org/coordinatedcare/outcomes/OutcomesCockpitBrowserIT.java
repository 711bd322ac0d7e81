package org.coordinatedcare.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.system.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcomes box on Cockpit's dashboard in headless Chromium, as the PCN manager sees it: the number of people
 * identified in the last 12 months across the PCN equals {@code GET /api/dashboard}'s for the same (default)
 * parameters. Same context as {@code TasklistBrowserIT} (demo and browser profiles, job executor on).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "browser"})
class OutcomesCockpitBrowserIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final By IDENTIFIED = By.xpath("//div[contains(@class,'outcomes-dashboard')]"
            + "//table[@data-table='funnel']//tr[td[1][normalize-space()='Identified']]/td[@data-column='people']");

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Autowired
    PracticeRepository practices;

    @Autowired
    PatientRepository patients;

    @Autowired
    ConditionRepository conditions;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path profileDir;
    private WebDriver browser;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            HeadlessChromium.saveEvidence(
                    browser, context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.assertInstalled();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profileDir = Files.createTempDirectory("cockpit-chromium-");
        browser = HeadlessChromium.open(profileDir);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        HeadlessChromium.close(browser, profileDir);
    }

    @Test
    void managerSeesTheApisNumberOnCockpitsDashboard() {
        // five more people identified today, so the PCN's count is at least the reporting minimum and not suppressed
        for (int i = 0; i < 5; i++) {
            Patient patient = patientWithThreeConditions("A10002", i);
            runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                    .processInstanceBusinessKey(patient.fhirId())
                    .setVariable("patientId", patient.fhirId())
                    .correlateStartMessage();
        }
        await().atMost(TIMEOUT).until(() -> !apiIdentified().path("suppressed").asBoolean());

        logInToCockpit("manager");
        waitFor("the outcomes box on the dashboard")
                .until(visibilityOfElementLocated(
                        By.xpath("//h3/a[@href='#/outcomes' and normalize-space()='Coordinated care outcomes']")));
        // the job executor may still be opening episodes: the page and the API agree once both have read the same
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    String onPage = waitFor("the funnel's Identified count")
                            .until(visibilityOfElementLocated(IDENTIFIED))
                            .getText()
                            .strip();
                    JsonNode api = apiIdentified();
                    if (api.path("value").isInt()
                            && onPage.equals(api.path("value").asText())) {
                        return true;
                    }
                    browser.navigate().refresh();
                    return false;
                });
        WebElement cell = browser.findElement(IDENTIFIED);
        assertThat(Integer.parseInt(cell.getText().strip())).isGreaterThanOrEqualTo(5);
        assertThat(cell.findElements(By.tagName("a")))
                .as("the count links to the people behind it")
                .hasSize(1);
    }

    private void logInToCockpit(String user) {
        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
        waitFor("Cockpit's login form")
                .until(visibilityOfElementLocated(By.cssSelector("input[placeholder='Username']")))
                .sendKeys(user);
        browser.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type='submit']")).click();
    }

    /** The funnel's "Identified" figure from {@code GET /api/dashboard} with no parameters, as the box asks. */
    private JsonNode apiIdentified() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/dashboard"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode row : new ObjectMapper().readTree(response.body()).at("/tables/funnel/rows")) {
            if (row.path("stage").asText().equals("Identified")) {
                return row.path("people");
            }
        }
        throw new AssertionError("no Identified row in " + response.body());
    }

    private Patient patientWithThreeConditions(String odsCode, int n) {
        long practiceId = practices.findByOdsCode(odsCode).orElseThrow().id();
        Patient patient = patients.save(Patient.register(
                null, "Cockpit" + n, "Outcomes" + System.nanoTime(), LocalDate.of(1950, 1, 1), practiceId));
        for (String[] code : List.of(
                new String[] {"38341003", "Hypertensive disorder"},
                new String[] {"44054006", "Type 2 diabetes mellitus"},
                new String[] {"13645005", "COPD"})) {
            conditions.save(Condition.diagnosed(patient.id(), code[0], code[1], LocalDate.of(2016, 1, 1)));
        }
        return patient;
    }

    private WebDriverWait waitFor(String what) {
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage("waiting for " + what);
        return wait;
    }
}
