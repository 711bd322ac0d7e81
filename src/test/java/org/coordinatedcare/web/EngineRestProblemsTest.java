package org.coordinatedcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.coordinatedcare.episode.ActiveEpisodeExistsException;
import org.coordinatedcare.form.FormInputException;
import org.junit.jupiter.api.Test;

import jakarta.ws.rs.core.Response;

/**
 * How the engine REST API's errors reach a clinician: problem JSON with the field to correct where input goes in (task
 * completion, starts), Camunda's own answer elsewhere except for refusals, and never a class name.
 */
class EngineRestProblemsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }

    private static Response problem(Throwable exception, EngineRestProblems.Input input, String body) {
        return EngineRestProblems.problem(exception, input, body).orElseThrow();
    }

    @Test
    void refusedFormInputNamesItsFieldWhereverItComesFrom() {
        for (EngineRestProblems.Input input : EngineRestProblems.Input.values()) {
            Response response = problem(
                    new ProcessEngineException(
                            "listener failed",
                            new FormInputException("meetingDate", "The MDT meeting date cannot be in the future.")),
                    input,
                    null);
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
            assertThat(body(response))
                    .containsEntry("field", "meetingDate")
                    .containsEntry("message", "The MDT meeting date cannot be in the future.");
        }
    }

    @Test
    void whichPathsCarryInput() {
        assertThat(EngineRestProblems.Input.of("task/42/submit-form")).isEqualTo(EngineRestProblems.Input.TASK);
        assertThat(EngineRestProblems.Input.of("engine/default/task/42/complete/"))
                .isEqualTo(EngineRestProblems.Input.TASK);
        assertThat(EngineRestProblems.Input.of("process-definition/key/coordinated-care/submit-form"))
                .isEqualTo(EngineRestProblems.Input.START);
        assertThat(EngineRestProblems.Input.of("message")).isEqualTo(EngineRestProblems.Input.START);
        assertThat(EngineRestProblems.Input.of("task/42/variables")).isEqualTo(EngineRestProblems.Input.OTHER);
        assertThat(EngineRestProblems.Input.of(null)).isEqualTo(EngineRestProblems.Input.OTHER);
    }

    @Test
    void elsewhereCamundasAnswerStandsExceptForARefusal() {
        assertThat(EngineRestProblems.problem(
                        new ProcessEngineException("no such definition"), EngineRestProblems.Input.OTHER, null))
                .isEmpty();
        Response refused = problem(
                new AuthorizationException("The user with id 'owner' does not have 'UPDATE' permission"),
                EngineRestProblems.Input.OTHER,
                null);
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(body(refused).get("detail").toString()).contains("'UPDATE' permission");
    }

    @Test
    void theStateOfThePathwayOrTaskIsAConflictOrNotFound() {
        assertThat(problem(new ActiveEpisodeExistsException(7), EngineRestProblems.Input.START, null)
                        .getStatus())
                .isEqualTo(409);
        Response raced = problem(
                new OptimisticLockingException("updated by another transaction"), EngineRestProblems.Input.TASK, null);
        assertThat(raced.getStatus()).isEqualTo(409);
        assertThat(body(raced)).containsEntry("field", "taskId");
        Response gone =
                problem(new NullValueException("Cannot find task with id 42"), EngineRestProblems.Input.TASK, null);
        assertThat(gone.getStatus()).isEqualTo(404);
    }

    @Test
    void aValueTheEngineCannotConvertIsNamedByItsVariableFromTheBody() {
        Response response = problem(
                new InvalidRequestException(
                        Response.Status.BAD_REQUEST,
                        "Cannot submit task form 42: Cannot convert value 'soon' of type 'Date' to java type java.util.Date"),
                EngineRestProblems.Input.TASK,
                "{\"variables\":{\"meetingDate\":{\"value\":\"soon\",\"type\":\"Date\"}}}");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response)).containsEntry("field", "meetingDate");
        assertThat(body(response).get("detail").toString())
                .isEqualTo("'soon' is not a valid Date.")
                .doesNotContain("java.");
    }

    @Test
    void anUnexpectedFailureSaysNothingOfTheServersInsides() {
        Response response = problem(
                new IllegalStateException("org.h2.jdbc.JdbcSQLException: table missing"),
                EngineRestProblems.Input.TASK,
                null);
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(body(response).get("detail").toString()).doesNotContain("h2", "SQL");
    }
}
