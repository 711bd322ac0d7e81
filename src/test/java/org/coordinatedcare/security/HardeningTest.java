package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operational hardening, through the real filter chain: open health probes that show strangers nothing but the
 * status, the other actuator endpoints for administrators only; login throttling whose locks expire by themselves
 * (application-test.yaml shortens the delays to 1 s doubling to at most 2 s); object variables deserialized only into
 * allowed types; request bodies of the engine's and the webapps' REST APIs capped like our API's.
 */
class HardeningTest extends LiveServerTestSupport {

    /** Any logged-in user may read it, and it writes nothing. */
    private static final String ANY_USER_PATH = "/engine-rest/engine";

    @Autowired
    IdentityService identity;

    @Autowired
    AdministratorUnlock administratorUnlock;

    @Test
    void healthAndItsProbesAnswerStrangersWithTheStatusAlone() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Map<String, Integer> before = rowCounts();

            Reply reply = get(null, path);

            assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
            assertThat(reply.json().path("status").asText()).as(path).isEqualTo("UP");
            assertThat(reply.json().has("components"))
                    .as(path + ": no components for strangers " + reply)
                    .isFalse();
            assertThat(reply.json().has("details"))
                    .as(path + ": no details for strangers " + reply)
                    .isFalse();
            assertThat(reply.text())
                    .as(path)
                    .doesNotContainIgnoringCase("processEngine")
                    .doesNotContainIgnoringCase("H2")
                    .doesNotContainIgnoringCase("jdbc")
                    .doesNotContain("demo");
            assertThat(rowCounts()).as("nothing written").isEqualTo(before);
        }
        // a component's own path would name what is inside: not for strangers
        assertThat(get(null, "/actuator/health/db").status()).isEqualTo(404);
        assertThat(get(null, "/actuator/health/processEngine").status()).isEqualTo(404);
    }

    @Test
    void administratorsSeeTheHealthOfTheDatabaseAndTheEngine() {
        Reply health = get("demo", "/actuator/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("components").path("db").path("status").asText())
                .isEqualTo("UP");
        // Camunda's starter adds its own indicator for the engine (and one for the job executor where it runs)
        assertThat(health.json()
                        .path("components")
                        .path("processEngine")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        Reply readiness = get("demo", "/actuator/health/readiness");
        assertThat(readiness.json().path("components").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("db", "readinessState");
        // liveness is Spring Boot's own probe group, which shows its status alone, to administrators too
        Reply liveness = get("demo", "/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void everyOtherActuatorEndpointIsForAdministratorsOnly() {
        for (String path :
                List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            Map<String, Integer> before = rowCounts();

            Reply stranger = get(null, path);
            assertThat(stranger.status())
                    .as("stranger " + path + " " + stranger)
                    .isEqualTo(401);
            assertThat(stranger.contentType()).isEqualTo("application/problem+json");
            Reply clinician = get("drlee", path);
            assertThat(clinician.status()).as("drlee " + path + " " + clinician).isEqualTo(403);
            assertThat(clinician.contentType()).isEqualTo("application/problem+json");
            assertThat(clinician.text()).doesNotContain("jvm");
            Reply processOwner = get("owner", path);
            assertThat(processOwner.status()).as("owner " + path).isEqualTo(403);
            Reply admin = get("demo", path);
            assertThat(admin.status()).as("demo " + path + " " + admin).isEqualTo(200);

            assertThat(rowCounts()).as("nothing written").isEqualTo(before);
        }
        // exposed are health, info, metrics and prometheus (for the scrape account too: PrometheusMetricsTest), nothing
        // that shows configuration, beans or memory
        for (String path : List.of(
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/loggers",
                "/actuator/mappings",
                "/actuator/threaddump")) {
            assertThat(get("demo", path).status()).as("demo " + path).isEqualTo(404);
        }
    }

    @Test
    void wrongPasswordsDelayTheNextLoginLongerEachTimeUpToTheCapAndTheLockExpiresByItself() throws Exception {
        String user = "coachkhan";
        assertThat(basic(user, "demo").status()).isEqualTo(200);
        Map<String, Integer> before = rowCounts();

        long start = System.nanoTime();
        Reply wrong = basic(user, "not-demo");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).isEqualTo("application/problem+json");
        assertThat(wrong.text()).doesNotContain("lock", "attempt", "Exception");
        Reply duringFirstDelay = basic(user, "demo");
        assertThat(millisSince(start))
                .as("the request came within the 1 s delay")
                .isLessThan(1000);
        assertThat(duringFirstDelay.status())
                .as("the right password during the delay")
                .isEqualTo(401);
        assertThat(duringFirstDelay.text())
                .as("the same answer as a wrong password: no hint that the password was right")
                .isEqualTo(wrong.text());

        long end = System.nanoTime();
        sleepUntil(end, 1100);
        start = System.nanoTime();
        assertThat(basic(user, "not-demo").status()).as("the second failure").isEqualTo(401);
        end = System.nanoTime();
        sleepUntil(start, 1200);
        assertThat(basic(user, "demo").status())
                .as("1.2 s after the second failure: its delay is 2 s")
                .isEqualTo(401);

        sleepUntil(end, 2100);
        assertThat(basic(user, "not-demo").status()).as("the third failure").isEqualTo(401);
        end = System.nanoTime();
        sleepUntil(end, 2100);
        assertThat(basic(user, "demo").status())
                .as("2.1 s after the third failure: capped at 2 s, not 4 s")
                .isEqualTo(200);
        assertThat(basic(user, "demo").status())
                .as("the right password cleared the count")
                .isEqualTo(200);
        assertThat(rowCounts()).as("nothing written but the lock").isEqualTo(before);
    }

    @Test
    void aLockFromTheApiHoldsForTheWebappLoginAndTheOtherWayRound() throws Exception {
        String user = "coachmorgan";
        assertThat(new WebappLogin().login(user, "demo")).isEqualTo(200);

        long start = System.nanoTime();
        assertThat(basic(user, "not-demo").status()).isEqualTo(401);
        long end = System.nanoTime();
        assertThat(new WebappLogin().login(user, "demo"))
                .as("webapp login during the lock")
                .isEqualTo(401);
        assertThat(millisSince(start)).as("within the delay").isLessThan(1000);
        sleepUntil(end, 1100);
        assertThat(new WebappLogin().login(user, "demo"))
                .as("webapp login after the lock")
                .isEqualTo(200);

        start = System.nanoTime();
        assertThat(new WebappLogin().login(user, "not-demo")).isEqualTo(401);
        end = System.nanoTime();
        assertThat(basic(user, "demo").status())
                .as("HTTP Basic during the lock")
                .isEqualTo(401);
        assertThat(millisSince(start)).as("within the delay").isLessThan(1000);
        sleepUntil(end, 1100);
        assertThat(basic(user, "demo").status()).as("HTTP Basic after the lock").isEqualTo(200);
    }

    @Test
    void wrongPasswordsAtOnceAreEach401AndNever500() throws Exception {
        String user = "pharmwu";
        List<CompletableFuture<Reply>> attempts = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> basic(user, i % 2 == 0 ? "not-demo" : "demo")))
                .toList();

        for (CompletableFuture<Reply> attempt : attempts) {
            Reply reply = attempt.get();
            assertThat(reply.status()).as(reply.toString()).isIn(200, 401);
            if (reply.status() == 401) {
                assertThat(reply.contentType()).isEqualTo("application/problem+json");
            }
        }
        assertThat(attempts.stream().map(CompletableFuture::join).filter(reply -> reply.status() == 401))
                .isNotEmpty();
        assertThat(basic("nobody-at-all", "demo").status())
                .as("an unknown user")
                .isEqualTo(401);
        awaitLogin(user);
    }

    @Test
    void aUserWithManyFailuresBehindThemIsNotLockedForGood() {
        // Camunda's default login-max-attempts (10) would lock this user until an administrator unlocks them
        lock("splwali", 25, Instant.now().minusSeconds(1));

        assertThat(basic("splwali", "demo").status())
                .as("the last lock has expired")
                .isEqualTo(200);
        assertThat(lockOf("splwali"))
                .as("and the right password cleared the count")
                .isEqualTo(Map.of("attempts", 0));
    }

    @Test
    void aRestartLiftsTheConfiguredAdministratorsLock() {
        // the administrator locked for an hour, as if someone kept guessing the password
        lock("demo", 12, Instant.now().plusSeconds(3600));
        try {
            assertThat(basic("demo", "demo").status()).as("locked").isEqualTo(401);

            administratorUnlock.run(null); // what runs at every start

            assertThat(basic("demo", "demo").status())
                    .as("after the restart's unlock")
                    .isEqualTo(200);
            assertThat(get("demo", "/actuator/metrics").status()).isEqualTo(200);
        } finally {
            identity.unlockUser("demo");
        }
    }

    /** Outside the allow-list, and would show it if anything constructed it. */
    public static class Gadget {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();

        public Gadget() {
            CONSTRUCTED.incrementAndGet();
        }
    }

    @Test
    void anObjectVariableOfATypeOutsideTheAllowListIsRefusedAndNeverConstructed() {
        Patient patient = identified();
        String instance =
                task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getProcessInstanceId();
        Map<String, String> types = Map.of(
                "gadget",
                Gadget.class.getName(),
                "pool",
                "java.util.concurrent.ThreadPoolExecutor",
                "context",
                "org.springframework.context.support.ClassPathXmlApplicationContext");
        // 10 characters or more: for a shorter value Spin's own error message fails (substring(0, 10)), and the
        // refusal would be that failure's instead
        String value = "{\"configLocation\":\"classpath:beans.xml\"}";
        types.forEach((name, type) -> {
            Reply stored = send(
                    "demo",
                    "PUT",
                    "/engine-rest/process-instance/" + instance + "/variables/" + name,
                    "application/json",
                    json(Map.of(
                            "type",
                            "Object",
                            "value",
                            value,
                            "valueInfo",
                            Map.of("objectTypeName", type, "serializationDataFormat", "application/json"))));
            assertThat(stored.status())
                    .as("stored as sent, serialized " + stored)
                    .isEqualTo(204);
        });
        Map<String, Integer> before = rowCounts();

        for (String name : types.keySet()) {
            Reply read = get("demo", "/engine-rest/process-instance/" + instance + "/variables/" + name);

            assertThat(read.status()).as(name + " " + read).isEqualTo(400);
            assertThat(read.contentType()).isEqualTo("application/problem+json");
            assertThat(read.json().path("field").asText()).isEqualTo(name);
            assertThat(read.json().path("title").asText()).isEqualTo("Type not allowed");
            assertThat(read.text()).as("no class names").doesNotContain("java.", "org.", "Exception");
            Reply serialized = get(
                    "demo",
                    "/engine-rest/process-instance/" + instance + "/variables/" + name + "?deserializeValue=false");
            assertThat(serialized.status()).as(serialized.toString()).isEqualTo(200);
            assertThat(serialized.json().path("value").asText()).isEqualTo(value);
        }
        assertThat(get("demo", "/engine-rest/process-instance/" + instance + "/variables")
                        .status())
                .as("all the variables deserialized")
                .isEqualTo(400);
        assertThatThrownBy(() -> runtime.getVariable(instance, "gadget"))
                .as("the Java API too")
                .isInstanceOf(ProcessEngineException.class)
                .rootCause()
                .hasMessageContaining("not whitelisted");

        assertThat(Gadget.CONSTRUCTED).as("nothing constructed").hasValue(0);
        assertThat(rowCounts()).as("nothing written").isEqualTo(before);
    }

    @Test
    void anOversizedEngineRestBodyIsRefusedWith413BeforeAnythingIsRead() {
        String oversized = "{\"messageName\":\"PatientIdentified\",\"businessKey\":\"" + "x".repeat(300_000) + "\"}";
        Map<String, Integer> before = rowCounts();

        for (Reply reply : List.of(
                send("drlee", "POST", "/engine-rest/message", "application/json", oversized),
                // sent without a length: stopped at the cap while Jersey reads it
                send(
                        "drlee",
                        "POST",
                        "/engine-rest/message",
                        "application/json",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(oversized.getBytes(StandardCharsets.UTF_8))),
                        Map.of()))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
            assertThat(reply.json().path("field").asText()).isEqualTo("body");
            assertThat(reply.json().path("detail").asText()).contains("256 KB");
            assertThat(reply.text()).doesNotContain("Exception", "java.", "org.");
        }
        assertThat(rowCounts()).as("nothing written").isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey("x".repeat(300_000).substring(0, 255))
                        .count())
                .isZero();
    }

    @Test
    void aStrangerIsAskedToLogInWhateverTheBodySize() {
        Reply reply = send(
                null,
                "POST",
                "/engine-rest/message",
                "application/json",
                "{\"messageName\":\"" + "x".repeat(300_000) + "\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void engineRestRequestsUnderTheCapStillWork() {
        // a task query padded to 200 KB, under the 256 KB cap
        String padded = "{\"maxResults\":5," + " ".repeat(200_000) + "\"active\":true}";
        Map<String, Integer> before = rowCounts();

        Reply reply = send("drlee", "POST", "/engine-rest/task?maxResults=5", "application/json", padded);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().isArray()).isTrue();
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void aDeploymentMayBeLargerThanOtherRequestsButIsCappedToo() {
        String boundary = "hardening" + System.nanoTime();
        String resource = "x".repeat(300_000);
        String multipart = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nlarge\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"notes.txt\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + resource + "\r\n--" + boundary + "--\r\n";
        String type = "multipart/form-data; boundary=" + boundary;
        Map<String, Integer> before = rowCounts();

        // 300 KB is over the cap of other requests, under the deployment's: the engine decides, and drlee may not
        // deploy
        Reply refusedByTheEngine = send("drlee", "POST", "/engine-rest/deployment/create", type, multipart);
        assertThat(refusedByTheEngine.status())
                .as(refusedByTheEngine.toString())
                .isEqualTo(403);

        Reply tooLarge = send(
                "owner",
                "POST",
                "/engine-rest/deployment/create",
                type,
                HttpRequest.BodyPublishers.ofString(multipart.replace(resource, "x".repeat(11 << 20))),
                Map.of());
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(tooLarge.json().path("detail").asText()).contains("10 MB");
        assertThat(rowCounts()).as("nothing deployed").isEqualTo(before);
    }

    @Test
    void anOversizedWebappRequestIsRefusedWith413() throws Exception {
        WebappLogin session = new WebappLogin();
        assertThat(session.login("drlee", "demo")).isEqualTo(200);
        Map<String, Integer> before = rowCounts();

        HttpResponse<String> reply = session.post(
                "/camunda/api/engine/engine/default/message",
                "{\"messageName\":\"PatientIdentified\",\"businessKey\":\"" + "x".repeat(300_000) + "\"}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(reply.body()).path("field").asText()).isEqualTo("body");
        assertThat(rowCounts()).as("nothing written").isEqualTo(before);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply basic(String user, String password) {
        return send(
                null,
                "GET",
                ANY_USER_PATH,
                null,
                HttpRequest.BodyPublishers.noBody(),
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    private void lock(String user, int attempts, Instant until) {
        jdbc.sql("update ACT_ID_USER set ATTEMPTS_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?")
                .params(attempts, Timestamp.from(until), user)
                .update();
    }

    private Map<String, Object> lockOf(String user) {
        return jdbc.sql("select ATTEMPTS_ as \"attempts\" from ACT_ID_USER where ID_ = ?")
                .param(user)
                .query()
                .singleRow();
    }

    /** Waits out any lock the user is still under, so other tests meet them as usual. */
    private void awaitLogin(String user) throws InterruptedException {
        long start = System.nanoTime();
        while (basic(user, "demo").status() != 200) {
            assertThat(millisSince(start))
                    .as(user + " unlocked within the 2 s cap")
                    .isLessThan(5000);
            Thread.sleep(200);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleepUntil(long nanos, long millisAfter) throws InterruptedException {
        long wait = millisAfter - millisSince(nanos);
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Camunda's own login form, as Tasklist posts it (with the CSRF token from the cookie). */
    private final class WebappLogin {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client =
                HttpClient.newBuilder().cookieHandler(cookies).build();

        int login(String user, String password) throws IOException, InterruptedException {
            client.send(
                    HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            return client.send(
                            HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("X-XSRF-TOKEN", token)
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
            return client.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/json")
                            .header("X-XSRF-TOKEN", token)
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
