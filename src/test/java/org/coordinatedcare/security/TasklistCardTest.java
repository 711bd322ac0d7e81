package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What a clinician's Tasklist shows on a task card, fetched the way Tasklist fetches it: a filter's HAL list. */
class TasklistCardTest extends LiveServerTestSupport {

    @Test
    void aClinicianSeesWhosePatientEachOfTheirTasksIsFor() {
        Patient patient = identified();
        Task task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        Object label = runtime.getVariable(task.getProcessInstanceId(), "patientLabel");
        assertThat(label).as("the pathway labels its patient").isNotNull();

        List<String> cardLabels = new ArrayList<>();
        Reply filters = get("drlee", "/engine-rest/filter?resourceType=Task&maxResults=50");
        assertThat(filters.json().isArray()).as(filters.toString()).isTrue();
        for (JsonNode filter : filters.json()) {
            Reply list = send(
                    "drlee",
                    "POST",
                    "/engine-rest/filter/" + filter.path("id").asText() + "/list?firstResult=0&maxResults=200",
                    "application/json",
                    HttpRequest.BodyPublishers.ofString("{}"),
                    Map.of("Accept", "application/hal+json"));
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            for (JsonNode card : list.json().path("_embedded").path("task")) {
                if (card.path("id").asText().equals(task.getId())) {
                    for (JsonNode variable : card.path("_embedded").path("variable")) {
                        if (variable.path("name").asText().equals("patientLabel")) {
                            cardLabels.add(variable.path("value").asText());
                        }
                    }
                }
            }
        }
        assertThat(cardLabels)
                .as("the task appears in drlee's filters with its patient's label")
                .isNotEmpty()
                .allMatch(label::equals);
    }
}
