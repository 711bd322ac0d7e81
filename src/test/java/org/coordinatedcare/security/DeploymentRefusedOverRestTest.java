package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The process owner's route (ADR 0016): Modeler's deploy button, {@code POST /engine-rest/deployment/create}, with the
 * application's own beans. A diagram that would create a user through the engine is answered 400, naming the task.
 */
class DeploymentRefusedOverRestTest extends LiveServerTestSupport {

    @Autowired
    RepositoryService repository;

    @Autowired
    IdentityService identity;

    @Test
    void aProcessOwnersDiagramReachingAnEngineServiceIsAnswered400NamingTheTask() {
        long before = repository.createDeploymentQuery().count();
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="rights" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="StartEvent_Rights"/>
                    <serviceTask id="Task_NewUser" camunda:expression="${identityService.saveUser(identityService.newUser('intruder'))}"/>
                  </process>
                </definitions>""";
        String boundary = "----guard" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nrights\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"rights.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";

        Reply reply = send(
                "owner", "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().path("type").asText()).isEqualTo("ParseException");
        assertThat(reply.json().path("message").asText())
                .contains("Task_NewUser: ")
                .contains("'identityService'");
        JsonNode error =
                reply.json().path("details").path("rights.bpmn").path("errors").path(0);
        assertThat(error.path("mainElementId").asText()).isEqualTo("Task_NewUser");
        assertThat(error.path("line").asInt()).isEqualTo(5);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    }
}
