package org.coordinatedcare.casefinding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.json.SpinJsonNode;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records the clinician's review of a page of a practice's list: the rows offered by the task's checklists (those of
 * its run and practice still undecided). The form answers with checklists of list numbers: who is
 * {@code confirmed}, who is excluded for each {@link ExclusionReason} ({@link ExclusionReason#formKey()}), with
 * {@code otherExclusionNote} for "other", and which annual reviews were booked ({@code annualReviewsBooked}). Every
 * patient on the page must be ticked exactly once; anything missing, unknown or ticked twice fails the completion with a
 * message naming the list numbers, and nothing is written.
 */
@Component("caseFindingReviewRecorder")
public class CaseFindingReviewRecorder implements TaskListener {

    static final String CONFIRMED = "confirmed";
    static final String OTHER_NOTE = "otherExclusionNote";
    static final String REVIEWS_BOOKED = "annualReviewsBooked";
    /** The form's checklists, which {@link CaseFindingListOptions} creates empty on the practice's execution. */
    static final List<String> ANSWERS = Stream.concat(
                    Stream.of(CONFIRMED, REVIEWS_BOOKED),
                    Stream.of(ExclusionReason.values()).map(ExclusionReason::formKey))
            .toList();

    private static final List<String> LISTS =
            List.of("candidates", "candidateChoices", "annualReviews", "annualReviewChoices");

    private final ReviewList lists;
    private final ReviewTaskScope scope;
    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final ObjectMapper json;

    public CaseFindingReviewRecorder(
            ReviewList lists, JdbcTemplate jdbc, CurrentUser currentUser, ObjectMapper json, ReviewTaskScope scope) {
        this.scope = scope;
        this.lists = lists;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.json = json;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        ReviewTaskScope.Bound bound = scope.of(task);
        long runId = bound.runId();
        String practiceCode = bound.practiceCode();
        String by = currentUser.of(task);
        Timestamp now = Timestamp.from(Instant.now());

        // the page as shown when the task was created, not as a page would be cut now (the page size may have changed)
        Set<Long> listed =
                lists.undecidedCandidates(runId, practiceCode, shown(task, CaseFindingListOptions.CANDIDATE_CHOICES));
        Map<Long, ExclusionReason> decided = new LinkedHashMap<>(); // null: confirmed
        decide(task, CONFIRMED, null, listed, decided);
        for (ExclusionReason reason : ExclusionReason.values()) {
            decide(task, reason.formKey(), reason, listed, decided);
        }
        List<Long> undecided =
                listed.stream().filter(id -> !decided.containsKey(id)).toList();
        if (!undecided.isEmpty()) {
            throw new FormInputException(
                    CONFIRMED,
                    "Please confirm or exclude every patient on the list: " + undecided.size() + " of " + listed.size()
                            + " not ticked (no. " + joined(undecided) + ").");
        }
        String note = text(task.getVariable(OTHER_NOTE));
        if (note != null && note.length() > 2000) {
            throw new FormInputException(OTHER_NOTE, "The note is too long: at most 2000 characters.");
        }
        List<Object[]> decisions = new ArrayList<>();
        decided.forEach((id, reason) -> {
            if (reason == ExclusionReason.OTHER && note == null) {
                throw new FormInputException(
                        OTHER_NOTE, "Please say why no. " + id + " is excluded for another reason.");
            }
            decisions.add(
                    reason == null
                            ? new Object[] {"CONFIRMED", null, null, by, now, id}
                            : new Object[] {
                                "EXCLUDED", reason.name(), reason == ExclusionReason.OTHER ? note : null, by, now, id
                            });
        });

        Set<Long> dueReviews = lists.unansweredAnnualReviews(
                runId, practiceCode, shown(task, CaseFindingListOptions.ANNUAL_REVIEW_CHOICES));
        Set<Long> booked = new LinkedHashSet<>();
        for (long id : numbers(task.getVariable(REVIEWS_BOOKED), REVIEWS_BOOKED)) {
            if (!dueReviews.contains(id)) {
                throw new FormInputException(REVIEWS_BOOKED, "Annual review no. " + id + " is not on this list.");
            }
            booked.add(id);
        }

        jdbc.batchUpdate("""
                update case_finding_candidate set decision = ?, exclusion_reason = ?, exclusion_note = ?, decided_by = ?,
                       decided_at = ? where id = ?""", decisions);
        List<Object[]> reviewUpdates = new ArrayList<>();
        // a review not ticked as booked stays due and is listed again next run, not on this run's next page
        for (Long id : dueReviews) {
            boolean isBooked = booked.contains(id);
            reviewUpdates.add(new Object[] {isBooked, isBooked ? by : null, isBooked ? now : null, id});
        }
        jdbc.batchUpdate(
                "update case_finding_annual_review set booked = ?, booked_by = ?, booked_at = ? where id = ?",
                reviewUpdates);
        // the lists and answers are in our tables now; the process keeps the run id only
        Stream.of(LISTS, ANSWERS, List.of(OTHER_NOTE))
                .flatMap(List::stream)
                .forEach(name -> task.getExecution().removeVariableLocal(name));
    }

    private void decide(
            DelegateTask task,
            String answer,
            ExclusionReason reason,
            Set<Long> listed,
            Map<Long, ExclusionReason> decided) {
        for (long id : numbers(task.getVariable(answer), answer)) {
            if (!listed.contains(id)) {
                throw new FormInputException(answer, "No. " + id + " is not a patient of this list.");
            }
            if (decided.containsKey(id)) {
                throw new FormInputException(
                        answer,
                        "No. " + id + " is ticked twice: " + label(decided.get(id)) + " and " + label(reason)
                                + ". Tick each patient once.");
            }
            decided.put(id, reason);
        }
    }

    /** The list numbers a checklist offered: its options' values ({@link CaseFindingListOptions}). */
    private List<Long> shown(DelegateTask task, String choices) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode option : json(task.getVariable(choices), choices)) {
            String id = option.path("value").asText();
            if (id.matches("\\d{1,18}")) {
                ids.add(Long.parseLong(id));
            }
        }
        return ids;
    }

    private static String label(ExclusionReason reason) {
        return reason == null
                ? "confirm"
                : "exclude (" + reason.name().toLowerCase().replace('_', ' ') + ")";
    }

    private static String joined(List<Long> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    /** A checklist's answer: Tasklist submits JSON; the Java API may pass a list or JSON text. */
    private List<Long> numbers(Object value, String field) {
        JsonNode node = json(value, field);
        if (!node.isArray()) {
            throw new FormInputException(field, "The answer must be a list of list numbers.");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : node) {
            String text = item.asText().strip();
            if (!item.isValueNode() || !text.matches("\\d{1,18}")) {
                throw new FormInputException(field, "The answer must be a list of list numbers.");
            }
            ids.add(Long.parseLong(text));
        }
        return ids;
    }

    /** A variable as JSON: Tasklist sends JSON, the Java API may pass a list or JSON text; absent is an empty list. */
    private JsonNode json(Object value, String field) {
        try {
            if (value == null) {
                return json.createArrayNode();
            } else if (value instanceof SpinJsonNode spin) {
                return json.readTree(spin.toString());
            } else if (value instanceof String text) {
                return json.readTree(text);
            }
            return json.valueToTree(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new FormInputException(field, "The answer is not valid JSON.");
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}
