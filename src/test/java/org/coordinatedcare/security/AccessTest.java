package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.document.PatientDocumentRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who may do what, through every entry point, with the demo logins: Borough (A10001) is drlee's practice, Walworth
 * (A10002) drwright's. Each refusal has a matching allowed request, so a test cannot pass by refusing everyone.
 */
class AccessTest extends LiveServerTestSupport {

    @Autowired
    PatientDocumentRepository documents;

    @Test
    void everyEntryPointAsksStrangersToLogIn() {
        for (String path : List.of(
                "/api/patients/1/pathway",
                "/api/patients/1/audit",
                "/api/patients/1/story",
                "/api/tasks/1/patient",
                "/api/documents/1",
                "/api/documents/1/pdf",
                "/api/patients/1/documents",
                "/api/caseload",
                "/engine-rest/task",
                "/engine-rest/process-instance",
                "/engine-rest/history/process-instance",
                "/engine-rest/user",
                "/camunda/api/engine/engine/default/task",
                "/camunda/api/engine/engine/default/user",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
                "/camunda/api/admin/plugin/adminPlugins/default/users",
                "/actuator/env",
                "/actuator/beans",
                "/fhir/metadata",
                "/fhir/Patient/demo-1")) {
            Reply reply = get(null, path);
            assertThat(reply.status()).as(path + " " + reply).isEqualTo(401);
        }
        assertThat(get(null, "/actuator/health").status())
                .as("health is public")
                .isNotEqualTo(401);
        assertThat(get("drlee", "/engine-rest/task?maxResults=50").status()).isEqualTo(200);
        // queryMaxResultsLimit: a list without paging is refused, even to a logged-in user
        assertThat(get("drlee", "/engine-rest/task").status()).isEqualTo(400);
        Reply wrongPassword = send(
                null,
                "GET",
                "/api/patients/1/pathway",
                null,
                HttpRequest.BodyPublishers.noBody(),
                // swevans:not-demo; a wrong password delays that user's next login (Camunda's throttling), so not drlee
                Map.of("Authorization", "Basic c3dldmFuczpub3QtZGVtbw=="));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).isEqualTo("application/problem+json");
        assertThat(get("drlee", "/actuator/env").status())
                .as("actuator is for administrators")
                .isEqualTo(403);
    }

    @Test
    void aWalworthClinicianCannotReadBoroughsTasksOrVariablesThroughTheEngineRestApi() {
        Patient patient = identified();
        String task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        String instance =
                task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getProcessInstanceId();
        String byKey = "?processInstanceBusinessKey=" + patient.fhirId();

        assertThat(get("drlee", "/engine-rest/task" + byKey + "&maxResults=50").json())
                .hasSize(1);
        assertThat(get("drwright", "/engine-rest/task" + byKey + "&maxResults=50")
                        .json())
                .isEmpty();
        assertThat(get("drlee", "/engine-rest/task/" + task + "/variables").status())
                .isEqualTo(200);
        assertThat(get("drwright", "/engine-rest/task/" + task + "/variables").status())
                .isEqualTo(403);
        assertThat(get("drwright", "/engine-rest/task/" + task + "/form-variables")
                        .status())
                .isEqualTo(403);
        assertThat(get("drwright", "/engine-rest/process-instance/" + instance + "/variables")
                        .status())
                .isEqualTo(403);
        assertThat(get("drwright", "/engine-rest/process-instance?businessKey=" + patient.fhirId() + "&maxResults=50")
                        .json())
                .isEmpty();
        assertThat(get("drwright", "/engine-rest/history/process-instance" + byKey + "&maxResults=10")
                        .json())
                .isEmpty();
        assertThat(get(
                                "drwright",
                                "/engine-rest/history/variable-instance?processInstanceId=" + instance
                                        + "&maxResults=10")
                        .json())
                .isEmpty();
        assertThat(get("drwright", "/engine-rest/history/task" + byKey + "&maxResults=10")
                        .json())
                .isEmpty();
    }

    @Test
    void aWalworthClinicianCannotReadBoroughsPatientsThroughOurApi() {
        Patient patient = identified();
        complete(
                patient,
                CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL,
                "namedProfessional",
                "drpatel"); // writes the invitation letter
        long letter =
                documents.findByPatientIdOrderByCreatedAt(patient.id()).get(0).id();

        for (String path : List.of(
                "/api/patients/" + patient.fhirId() + "/pathway",
                "/api/patients/" + patient.fhirId() + "/audit",
                "/api/patients/" + patient.fhirId() + "/documents",
                "/api/documents/" + letter,
                "/api/documents/" + letter + "/pdf")) {
            assertThat(get("drlee", path).status()).as("drlee " + path).isEqualTo(200);
            assertThat(get("manager", path).status()).as("manager " + path).isEqualTo(200);
            Reply refused = get("drwright", path);
            assertThat(refused.status()).as("drwright " + path).isEqualTo(403);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.text()).doesNotContain(patient.familyName());
        }
    }

    @Test
    void tasklistsOwnApiShowsEachClinicianOnlyTheirPracticesTasksAndNeedsTheCsrfToken() throws Exception {
        Patient patient = identified();
        String task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();

        WebappSession stranger = new WebappSession(port);
        assertThat(stranger.login("drlee", false))
                .as("login without the CSRF token")
                .isEqualTo(403);

        WebappSession lee = new WebappSession(port);
        assertThat(lee.login("drlee", true)).isEqualTo(200);
        assertThat(lee.lastCookies)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
        assertThat(lee.get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + patient.fhirId()
                                + "&maxResults=50")
                        .body())
                .contains(task);
        assertThat(lee.get("/camunda/api/engine/engine/default/task/" + task + "/form-variables")
                        .statusCode())
                .isEqualTo(200);
        assertThat(lee.post(
                                "/camunda/api/engine/engine/default/task/" + task + "/claim",
                                "{\"userId\":\"drlee\"}",
                                false)
                        .statusCode())
                .as("a change without the CSRF token")
                .isEqualTo(403);

        WebappSession wright = new WebappSession(port);
        assertThat(wright.login("drwright", true)).isEqualTo(200);
        HttpResponse<String> list = wright.get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey="
                + patient.id() + "&maxResults=50");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body())).isEmpty();
        assertThat(wright.get("/camunda/api/engine/engine/default/task/" + task + "/form-variables")
                        .statusCode())
                .isEqualTo(403);
        assertThat(wright.post(
                                "/camunda/api/engine/engine/default/task/" + task + "/claim",
                                "{\"userId\":\"drwright\"}",
                                true)
                        .statusCode())
                .isEqualTo(403);
        assertThat(task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getAssignee())
                .isNull();
    }

    @Test
    void managersReadEveryInstanceAndItsHistoryButCompleteNoTask() {
        Patient patient = identified();
        String task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(patient.fhirId())
                .processDefinitionKey("coordinated-care")
                .singleResult();

        assertThat(get("manager", "/engine-rest/process-instance?businessKey=" + patient.fhirId() + "&maxResults=50")
                        .json())
                .hasSize(1);
        assertThat(get("manager", "/engine-rest/process-instance/" + instance.getId() + "/variables")
                        .status())
                .isEqualTo(200);
        assertThat(get(
                                "manager",
                                "/engine-rest/history/process-instance?processInstanceBusinessKey=" + patient.fhirId()
                                        + "&maxResults=10")
                        .json())
                .hasSize(1);
        assertThat(get(
                                "manager",
                                "/engine-rest/history/activity-instance?processInstanceId=" + instance.getId()
                                        + "&maxResults=100")
                        .json())
                .isNotEmpty();

        Reply refused =
                postJson("manager", "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "drpatel"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(postJson("manager", "/engine-rest/task/" + task + "/claim", Map.of("userId", "manager"))
                        .status())
                .isEqualTo(403);
        assertThat(task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getAssignee())
                .isNull();
    }

    @Test
    void onlyProcessOwnersDeployAndOnlyAdministratorsManageUsersAndGroups() {
        assertThat(deploy("owner").status()).isEqualTo(200);
        for (String user : List.of("drlee", "manager")) {
            assertThat(deploy(user).status()).as(user + " deploys").isEqualTo(403);
        }
        for (String user : List.of("drlee", "manager", "owner")) {
            assertThat(postJson(
                                    user,
                                    "/engine-rest/user/create",
                                    Map.of(
                                            "profile",
                                            Map.of("id", "intruder-" + user),
                                            "credentials",
                                            Map.of("password", "secret-secret")))
                            .status())
                    .as(user + " creates a user")
                    .isEqualTo(403);
            assertThat(postJson(
                                    user,
                                    "/engine-rest/group/create",
                                    Map.of("id", "intruders-" + user, "name", "Intruders"))
                            .status())
                    .as(user + " creates a group")
                    .isEqualTo(403);
            assertThat(send(user, "PUT", "/engine-rest/group/camunda-admin/members/" + user, null, null)
                            .status())
                    .as(user + " makes themself an administrator")
                    .isEqualTo(403);
        }
        assertThat(postJson("demo", "/engine-rest/group/create", Map.of("id", "new-team", "name", "New team"))
                        .status())
                .isEqualTo(204);
        assertThat(get("demo", "/engine-rest/group/new-team").status()).isEqualTo(200);
    }

    @Test
    void theAuditTrailSaysWhoAssignedTheNamedProfessionalAndWhen() {
        Patient patient = identified();
        String task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL).getId();
        assertThat(postJson("drlee", "/engine-rest/task/" + task + "/submit-form", form("namedProfessional", "drpatel"))
                        .status())
                .isEqualTo(204);

        JsonNode audit =
                get("manager", "/api/patients/" + patient.fhirId() + "/audit").json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("drlee");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("NAMED_PROFESSIONAL_ASSIGNED");
        assertThat(audit.get(0).path("occurredAt").asText()).isNotBlank();
    }

    private Reply deploy(String user) {
        String boundary = "----deploy" + System.nanoTime();
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="access-check" isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="StartEvent_Check"/></process>
                </definitions>""";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ncheck\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"check.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return send(user, "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);
    }
}
