package org.coordinatedcare.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.DueJobs;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.demo.DemoDataAtStartup;
import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.PracticeRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole application on a real port, as clients meet it: Spring Security's filter chain, our API, the engine REST
 * API (Jersey, outside Spring MVC) and the webapps, with the demo logins (password {@code demo}) on a private
 * in-memory database. The job executor is off, so tests move pathways on with {@link #runJobs()}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "demo.patients-per-practice=10",
            "camunda.bpm.webapp.enabled=true",
            "coordinated-care.api.max-import-size=1MB"
        })
@ActiveProfiles({"test", "demo"})
@Import(DemoDataAtStartup.class)
public abstract class LiveServerTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected RuntimeService runtime;

    @Autowired
    protected TaskService tasks;

    @Autowired
    protected ManagementService management;

    @Autowired
    protected PatientRepository patients;

    @Autowired
    protected PracticeRepository practices;

    @Autowired
    protected ConditionRepository conditions;

    protected final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    private ProcessEngine engine;

    /**
     * The engine REST API finds its engine in Camunda's JVM-wide registry, where the last test context to start wins;
     * this context's engine is put back before each test, so its requests reach this context whatever ran before.
     */
    @BeforeEach
    void servesThisContextsEngine() {
        ProcessEngines.registerProcessEngine(engine);
    }

    /** An HTTP answer: status, content type (without parameters) and body as text and, if JSON, as a tree. */
    public record Reply(int status, String contentType, String text, JsonNode json) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    protected Reply send(String user, String method, String path, String contentType, String body) {
        return send(
                user,
                method,
                path,
                contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                Map.of());
    }

    protected Reply send(
            String user,
            String method,
            String path,
            String contentType,
            HttpRequest.BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers()
                    .firstValue("Content-Type")
                    .map(t -> t.split(";")[0].strip())
                    .orElse(null);
            JsonNode json = null;
            if (type != null && type.contains("json") && !response.body().isBlank()) {
                json = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), type, response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Reply get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    protected Reply postJson(String user, String path, Object body) {
        try {
            return send(user, "POST", path, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Engine REST form values: {@code {"variables": {"name": {"value": ...}}}}. */
    protected static Map<String, Object> form(Object... keyValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], Map.of("value", keyValues[i + 1]));
        }
        return Map.of("variables", variables);
    }

    // The register and pathways, driven directly as the engine would

    /** A new adult patient of the practice with three long-term conditions, on no pathway. */
    protected Patient newPatient(String odsCode) {
        long practiceId = practices.findByOdsCode(odsCode).orElseThrow().id();
        int n = NEXT.incrementAndGet();
        Patient patient =
                patients.save(Patient.register(null, "Input" + n, "Tester", LocalDate.of(1948, 3, 1), practiceId));
        for (String[] code : List.of(
                new String[] {"38341003", "Hypertensive disorder"},
                new String[] {"44054006", "Type 2 diabetes mellitus"},
                new String[] {"13645005", "COPD"})) {
            conditions.save(Condition.diagnosed(patient.id(), code[0], code[1], LocalDate.of(2016, 1, 1)));
        }
        return patient;
    }

    /** A new patient of Borough (A10001) identified onto the pathway, waiting at "Assign named professional". */
    protected Patient identified() {
        Patient patient = newPatient("A10001");
        runtime.createMessageCorrelation(Messages.PATIENT_IDENTIFIED)
                .processInstanceBusinessKey(patient.fhirId())
                .setVariable("patientId", patient.fhirId())
                .correlateStartMessage();
        runJobs();
        return patient;
    }

    /** A Borough patient whose named professional is drpatel, waiting at "Hold care-planning meeting". */
    protected Patient atCarePlanningMeeting() {
        Patient patient = identified();
        complete(
                patient,
                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                FormAnswers.of(FormAnswers.ASSIGN_NAMED_PROFESSIONAL));
        complete(
                patient,
                CoordinatedCare.RECORD_INVITATION_RESPONSE,
                FormAnswers.of(FormAnswers.RECORD_INVITATION_RESPONSE));
        complete(patient, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.of(FormAnswers.HOLISTIC_ASSESSMENT));
        return patient;
    }

    protected Task task(Patient patient, String key) {
        List<Task> open = tasks.createTaskQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .taskDefinitionKey(key)
                .list();
        assertThat(open).as("open " + key + " of patient " + patient.id()).hasSize(1);
        return open.get(0);
    }

    protected void complete(Patient patient, String key, Object... keyValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], keyValues[i + 1]);
        }
        complete(patient, key, variables);
    }

    /** Completes the task with these answers, e.g. a {@link FormAnswers} answer with one field overridden. */
    protected void complete(Patient patient, String key, Map<String, Object> answers) {
        tasks.complete(task(patient, key).getId(), answers);
        runJobs();
    }

    /** Every due job (not future timers), as the job executor would run them. */
    protected void runJobs() {
        DueJobs.run(management);
    }

    /** Rows in every table of the database, the engine's included: equal before and after means nothing was written. */
    protected Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql(
                        "select table_name from information_schema.tables where table_schema = 'PUBLIC' and table_type = 'BASE TABLE' order by table_name")
                .query(String.class)
                .list()
                .forEach(table -> counts.put(
                        table,
                        jdbc.sql("select count(*) from \"" + table + "\"")
                                .query(Integer.class)
                                .single()));
        return counts;
    }
}
