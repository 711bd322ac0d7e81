package org.coordinatedcare.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The engine REST API as a logged-in user sees it, through plain HTTP like Tasklist. */
final class EngineRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminPassword;

    EngineRestClient(int port) {
        this(port, CoordinatedCarePostgresIT.ADMIN_PASSWORD);
    }

    /** A client of one node started by a test as its own JVM, with the administrator password that test chose. */
    EngineRestClient(int port, String adminPassword) {
        this.baseUrl = "http://localhost:" + port;
        this.adminPassword = adminPassword;
    }

    record Reply(int status, JsonNode body) {}

    Reply get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply post(String user, String path, Object body) {
        return sendJson(user, path, "POST", body);
    }

    Reply put(String user, String path, Object body) {
        return sendJson(user, path, "PUT", body);
    }

    private Reply sendJson(String user, String path, String method, Object body) {
        try {
            return send(
                    user,
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deploys a one-task process as the user, as Camunda Modeler's deploy button does (multipart). */
    Reply deploy(String user) {
        String boundary = "----deploy" + System.nanoTime();
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="deployment-check" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="StartEvent_Check"/>
                  </process>
                </definitions>""";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ncheck\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"check.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return send(
                user,
                HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/deployment/create"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(String user, HttpRequest.Builder request) {
        if (user != null) {
            String credentials = user + ":" + ("admin".equals(user) ? adminPassword : "demo");
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(
                    request.header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The user's open tasks with that definition key for the patient, as Tasklist's query would return them. */
    List<JsonNode> tasks(String user, String businessKey, String taskDefinitionKey) {
        Reply reply = get(
                user,
                "/engine-rest/task?processInstanceBusinessKey=" + enc(businessKey) + "&taskDefinitionKey="
                        + enc(taskDefinitionKey) + "&firstResult=0&maxResults=50");
        if (reply.status() != 200) {
            throw new AssertionError("task query as " + user + " answered " + reply.status() + ": " + reply.body());
        }
        return iterate(reply.body());
    }

    /** Waits for the job executor to bring the pathway to the task, then submits the form as the user. */
    Reply submitWhenReady(String user, String businessKey, String taskDefinitionKey, Map<String, Object> variables) {
        JsonNode task = awaitTask(user, businessKey, taskDefinitionKey);
        return post(
                user,
                "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of("variables", typed(variables)));
    }

    /** Submits the task's form as Tasklist does; the caller decides what a refusal means. */
    Reply submit(String user, String taskId, Map<String, Object> variables) {
        return post(user, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", typed(variables)));
    }

    JsonNode awaitTask(String user, String businessKey, String taskDefinitionKey) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> open = tasks(user, businessKey, taskDefinitionKey);
            if (!open.isEmpty()) {
                return open.get(0);
            }
            pause();
        }
        throw new AssertionError(user + " never saw " + taskDefinitionKey + " for patient " + businessKey);
    }

    /** Checklist values go as JSON, the way Tasklist submits them; everything else as plain values. */
    private static Map<String, Object> typed(Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            try {
                typed.put(
                        name,
                        value instanceof List<?> list
                                ? Map.of("value", JSON.writeValueAsString(list), "type", "Json")
                                : Map.of("value", value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return typed;
    }

    static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
