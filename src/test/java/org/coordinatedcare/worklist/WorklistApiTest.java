package org.coordinatedcare.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.coordinatedcare.EngineTest;
import org.coordinatedcare.security.Roles;
import org.coordinatedcare.security.TeamAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GET /api/worklist over HTTP as real users, on tasks of two practices (W10001, W10002) with candidate groups for
 * several roles; Camunda authorization is on, as in production.
 */
@EngineTest
class WorklistApiTest {

    private static final String PROCESS = "worklist-test";

    @Autowired
    MockMvc mvc;

    @Autowired
    TeamAccounts accounts;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> started = new ArrayList<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void usersAndProcess() {
        user("wlead", "clinical-lead", "clinical-lead-W10001", "gp", "gp-W10001");
        user("wgp", "gp", "gp-W10001");
        user("wgpb", "clinical-lead", "clinical-lead-W10002", "gp", "gp-W10002");
        user("wmanager", Roles.MANAGER);
        if (repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(PROCESS)
                        .count()
                == 0) {
            repository
                    .createDeployment()
                    .addModelInstance(
                            PROCESS + ".bpmn",
                            Bpmn.createExecutableProcess(PROCESS)
                                    .camundaHistoryTimeToLive(1)
                                    .startEvent()
                                    .userTask("Task_Work")
                                    .name("Work")
                                    .camundaCandidateGroups("${group}")
                                    .camundaDueDate("${due}")
                                    .endEvent()
                                    .done())
                    .deploy();
        }
    }

    @AfterEach
    void removeInstances() {
        started.forEach(id -> runtime.deleteProcessInstance(id, "test finished", true, true));
    }

    @Test
    void clinicianSeesTheirPracticesTasksForTheirRolesSoonestDueFirst() throws Exception {
        String later = task("clinical-lead-W10001", 3, "Ann Later");
        String soonest = task("gp-W10001", 1, "Bob Soonest");
        String middle = task("clinical-lead-W10001", 2, "Cat Middle");
        task("care-coordinator-W10001", 0, "Not my role");
        task("clinical-lead-W10002", 0, "Other practice");
        task("gp-W10002", 0, "Other practice");

        JsonNode page = get("wlead", "").body();

        assertThat(ids(page)).containsExactly(soonest, middle, later);
        JsonNode first = page.path("items").get(0);
        assertThat(first.path("patientLabel").asText()).isEqualTo("Bob Soonest");
        assertThat(first.path("name").asText()).isEqualTo("Work");
        assertThat(first.path("taskDefinitionKey").asText()).isEqualTo("Task_Work");
        assertThat(first.path("processInstanceId").asText()).isNotBlank();
        assertThat(first.path("due").isMissingNode()).isFalse();
        assertThat(first.path("tasklistLink").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task=" + soonest);
        assertThat(page.path("more").asBoolean()).isFalse();
    }

    @Test
    void gpWithoutTheLeadRoleSeesOnlyTheGpTasks() throws Exception {
        task("clinical-lead-W10001", 1, "Lead work");
        String gpWork = task("gp-W10001", 2, "GP work");

        assertThat(ids(get("wgp", "").body())).containsExactly(gpWork);
    }

    @Test
    void claimedTasksShowForTheirAssigneeOnly() throws Exception {
        String claimedByOther = task("gp-W10001", 1, "Claimed by wlead");
        String open = task("gp-W10001", 2, "Open");
        tasks.setAssignee(claimedByOther, "wlead");

        assertThat(ids(get("wgp", "").body())).containsExactly(open);
        assertThat(ids(get("wlead", "").body())).containsExactly(claimedByOther, open);
    }

    @Test
    void pagesFollowTheDueDateOrder() throws Exception {
        String first = task("gp-W10001", 1, "1");
        String second = task("gp-W10001", 2, "2");
        String third = task("gp-W10001", 3, "3");

        JsonNode one = get("wgp", "?page=0&size=2").body();
        JsonNode two = get("wgp", "?page=1&size=2").body();

        assertThat(ids(one)).containsExactly(first, second);
        assertThat(one.path("more").asBoolean()).isTrue();
        assertThat(ids(two)).containsExactly(third);
        assertThat(two.path("more").asBoolean()).isFalse();
    }

    @Test
    void taskOfferedToTwoOfTheUsersGroupsShowsOnce() throws Exception {
        String both = task("gp-W10001", 1, "Both roles");
        tasks.addCandidateGroup(both, "clinical-lead-W10001");
        String next = task("gp-W10001", 2, "Next");

        JsonNode page = get("wlead", "?size=1").body();

        assertThat(ids(page)).containsExactly(both);
        assertThat(ids(get("wlead", "?page=1&size=1").body())).containsExactly(next);
    }

    @Test
    void groupLinkedOtherThanAsCandidateDoesNotOfferTheTask() throws Exception {
        String linked = task("care-coordinator-W10001", 1, "Coordinator's");
        tasks.addGroupIdentityLink(linked, "gp-W10001", "follow-up");

        assertThat(ids(get("wgp", "").body())).isEmpty();
    }

    @Test
    void managerAndAnotherPracticeSeeNoneOfThisPracticesTasks() throws Exception {
        task("clinical-lead-W10001", 1, "A's");
        task("gp-W10001", 1, "A's");

        assertThat(ids(get("wmanager", "").body())).isEmpty();
        assertThat(ids(get("wgpb", "").body())).isEmpty();
    }

    @Test
    void badPagingIsAnsweredWithProblemJsonNamingTheField() throws Exception {
        for (String[] bad : new String[][] {
            {"?size=0", "size"},
            {"?size=101", "size"},
            {"?size=ten", "size"},
            {"?page=-1", "page"},
            {"?page=x", "page"},
            {"?page=10001", "page"}
        }) {
            Answer answer = get("wlead", bad[0]);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.contentType()).as(bad[0]).startsWith("application/problem+json");
            assertThat(answer.body().path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(answer.body().path("detail").asText()).as(bad[0]).contains(bad[1]);
        }
    }

    @Test
    void noLoginNoWorklist() throws Exception {
        MvcResult result =
                mvc.perform(MockMvcRequestBuilders.get("/api/worklist")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }

    private String task(String group, int dueInDays, String patientLabel) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(
                PROCESS,
                Map.of(
                        "group",
                        group,
                        "due",
                        Date.from(now.plus(dueInDays, ChronoUnit.DAYS)),
                        "patientLabel",
                        patientLabel));
        started.add(instance.getId());
        return tasks.createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getId();
    }

    private record Answer(int status, String contentType, JsonNode body) {}

    private Answer get(String user, String query) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
        MvcResult result = mvc.perform(
                        MockMvcRequestBuilders.get("/api/worklist" + query).header("Authorization", "Basic " + basic))
                .andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return new Answer(
                result.getResponse().getStatus(),
                result.getResponse().getContentType(),
                body.isEmpty() ? json.createObjectNode() : json.readTree(body));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("taskId").asText()));
        return ids;
    }

    /** A login with these groups, made the way the application makes its team's accounts. */
    private void user(String id, String... groups) {
        accounts.ensureUser(id, null, null, null, "secret");
        for (String group : groups) {
            accounts.join(id, group, group);
        }
    }
}
