package org.coordinatedcare.casefinding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.json.SpinJsonNode;
import org.coordinatedcare.system.CurrentUser;
import org.coordinatedcare.system.FormInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records the clinician's review of a practice's list: every listed patient confirmed or excluded (an exclusion with
 * its reason, and a note when the reason is "other"), and which annual reviews were booked. Anything missing or
 * unknown fails the completion naming the row, and nothing is written.
 */
@Component("caseFindingReviewRecorder")
public class CaseFindingReviewRecorder implements TaskListener {

    private static final Set<String> DECISIONS = Set.of("confirm", "exclude");

    private final ReviewList lists;
    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final ObjectMapper json;

    public CaseFindingReviewRecorder(ReviewList lists, JdbcTemplate jdbc, CurrentUser currentUser, ObjectMapper json) {
        this.lists = lists;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.json = json;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        long runId = CaseFindingRuns.id(task.getVariable(CaseFindingRuns.RUN_ID));
        String practiceCode = String.valueOf(task.getVariable("practiceCode"));
        String by = currentUser.of(task);
        Timestamp now = Timestamp.from(Instant.now());

        Set<Long> listed = new HashSet<>();
        lists.candidates(runId, practiceCode).forEach(c -> listed.add(c.id()));
        List<Object[]> decisions = new ArrayList<>();
        Set<Long> decided = new HashSet<>();
        JsonNode rows = array(task.getVariable("candidates"), "candidates");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String field = "candidates[" + i + "]";
            long id = number(row.get("candidateId"), field + ".candidateId");
            if (!listed.contains(id) || !decided.add(id)) {
                throw new FormInputException(field + ".candidateId", "Row " + (i + 1) + " is not a patient of this list, or is listed twice.");
            }
            String decision = text(row.get("decision"));
            if (decision == null || !DECISIONS.contains(decision)) {
                throw new FormInputException(field + ".decision", "Please confirm or exclude the patient in row " + (i + 1) + ".");
            }
            if (decision.equals("confirm")) {
                decisions.add(new Object[] {"CONFIRMED", null, null, by, now, id});
                continue;
            }
            String reason = text(row.get("exclusionReason"));
            if (reason == null || !ExclusionReason.names().contains(reason)) {
                throw new FormInputException(field + ".exclusionReason", "Please give the reason for excluding the patient in row " + (i + 1) + ".");
            }
            String note = text(row.get("exclusionNote"));
            if (note != null && note.length() > 2000) {
                throw new FormInputException(field + ".exclusionNote", "The note in row " + (i + 1) + " is too long: at most 2000 characters.");
            }
            if (reason.equals(ExclusionReason.OTHER.name()) && note == null) {
                throw new FormInputException(field + ".exclusionNote", "Please say why the patient in row " + (i + 1) + " is excluded.");
            }
            decisions.add(new Object[] {"EXCLUDED", reason, note, by, now, id});
        }
        if (!decided.equals(listed)) {
            throw new FormInputException("candidates", "Please decide every patient on the list: "
                    + (listed.size() - decided.size()) + " of " + listed.size() + " not decided.");
        }

        Set<Long> dueReviews = new HashSet<>();
        lists.annualReviews(runId, practiceCode).forEach(r -> dueReviews.add(r.id()));
        Map<Long, Boolean> booked = new HashMap<>();
        JsonNode reviews = array(task.getVariable("annualReviews"), "annualReviews");
        for (int i = 0; i < reviews.size(); i++) {
            String field = "annualReviews[" + i + "]";
            long id = number(reviews.get(i).get("annualReviewId"), field + ".annualReviewId");
            if (!dueReviews.contains(id)) {
                throw new FormInputException(field + ".annualReviewId", "Annual review row " + (i + 1) + " is not on this list.");
            }
            JsonNode flag = reviews.get(i).get("reviewBooked");
            booked.put(id, flag != null && (flag.asBoolean(false) || "true".equalsIgnoreCase(flag.asText())));
        }

        jdbc.batchUpdate("""
                update case_finding_candidate set decision = ?, exclusion_reason = ?, exclusion_note = ?, decided_by = ?,
                       decided_at = ? where id = ?""", decisions);
        List<Object[]> reviewUpdates = new ArrayList<>();
        // a review not marked booked stays due and is listed again next run
        for (Long id : dueReviews) {
            boolean isBooked = booked.getOrDefault(id, false);
            reviewUpdates.add(new Object[] {isBooked, isBooked ? by : null, isBooked ? now : null, id});
        }
        jdbc.batchUpdate("update case_finding_annual_review set booked = ?, booked_by = ?, booked_at = ? where id = ?", reviewUpdates);
        // the lists are in our tables now; the process keeps the run id only
        task.getExecution().removeVariableLocal("candidates");
        task.getExecution().removeVariableLocal("annualReviews");
    }

    /** Tasklist submits the dynamic lists as JSON; the Java API may pass lists of maps or JSON text. */
    private JsonNode array(Object value, String field) {
        try {
            JsonNode node;
            if (value == null) {
                node = json.createArrayNode();
            } else if (value instanceof SpinJsonNode spin) {
                node = json.readTree(spin.toString());
            } else if (value instanceof String text) {
                node = json.readTree(text);
            } else {
                node = json.valueToTree(value);
            }
            if (!node.isArray()) {
                throw new FormInputException(field, "The list must be a JSON array of rows.");
            }
            return node;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new FormInputException(field, "The list is not valid JSON.");
        }
    }

    private static long number(JsonNode node, String field) {
        String text = node == null ? "" : node.asText().strip();
        if (!text.matches("\\d{1,18}")) {
            throw new FormInputException(field, "Each row needs the list number it was given.");
        }
        return Long.parseLong(text);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
