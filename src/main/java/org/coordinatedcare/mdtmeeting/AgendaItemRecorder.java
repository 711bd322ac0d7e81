package org.coordinatedcare.mdtmeeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Action;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.security.EngineActor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what the meeting decided for one person and hands the outcome to their own pathway (message {@value
 * #MESSAGE}), which goes on as after any MDT review: {@code coordinator-trigger.dmn} decides on a coordinator. The
 * person is the agenda item of this meeting the loop is at ({@link MeetingTaskScope}); the pathway is the one their
 * episode is bound to. "Not reached" writes nothing: the person carries over. Ticking "end the meeting here" ends the
 * loop, and everyone after carries over.
 */
@Component("mdtAgendaItemRecorder")
public class AgendaItemRecorder implements TaskListener {

    static final String MESSAGE = "MdtMeetingOutcome";
    static final Set<String> OUTCOMES =
            Set.of("continue", "updatePlan", "appointCoordinator", "proposeClosure", "notReached");

    private final MdtMeetings meetings;
    private final MeetingTaskScope scope;
    private final EpisodeRepository episodes;
    private final RuntimeService runtime;
    private final EngineActor engine;
    private final CurrentUser currentUser;

    public AgendaItemRecorder(
            MdtMeetings meetings,
            MeetingTaskScope scope,
            EpisodeRepository episodes,
            RuntimeService runtime,
            EngineActor engine,
            CurrentUser currentUser) {
        this.meetings = meetings;
        this.scope = scope;
        this.episodes = episodes;
        this.runtime = runtime;
        this.engine = engine;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        Item item = scope.item(task, task.getProcessInstanceId());
        String outcome = input.requiredChoice("meetingOutcome", "the outcome for this person", OUTCOMES);
        boolean endHere = input.flag("meetingEnds", "End the meeting here");
        if (!"notReached".equals(outcome)) {
            String needTrend = input.requiredChoice(
                    "needTrend", "how the person's needs are changing", Set.of("improving", "stable", "rising"));
            Object given = task.getVariable("agenciesInvolved");
            Integer agencies = given == null || given.toString().isBlank()
                    ? null
                    : input.requiredNumber("agenciesInvolved", "the number of agencies involved", 1, 50);
            boolean longIntervention = input.flag("longInterventionExpected", "Long intervention expected");
            String notes = input.optionalText("meetingNotes", "the notes", 4000).orElse(null);
            List<Action> actions = actions(
                    input.optionalText("meetingActions", "the actions", 2000).orElse(""));
            meetings.recordOutcome(
                    item.id(), outcome, needTrend, agencies, longIntervention, notes, currentUser.of(task), actions);
            correlate(item);
        }
        input.keep("meetingEnds", endHere);
        input.forget(
                "meetingOutcome",
                "needTrend",
                "agenciesInvolved",
                "longInterventionExpected",
                "meetingNotes",
                "meetingActions");
    }

    /** {@code owner: action}, one a line. */
    static List<Action> actions(String text) {
        List<Action> actions = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String owner = colon < 0 ? "" : line.substring(0, colon).strip();
            String description = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (owner.isEmpty() || description.isEmpty() || owner.length() > 200 || description.length() > 1000) {
                throw new FormInputException(
                        "meetingActions",
                        "Write each action as its owner, a colon and the action: '" + line.strip() + "'.");
            }
            actions.add(new Action(owner, description));
        }
        return actions;
    }

    /** Into the pathway where it waits: for its next review, or in a review already open (a called mdt-review). */
    private void correlate(Item item) {
        Episode episode = episodes.findById(item.episodeId()).orElseThrow();
        String target = engine.asSystem(() -> {
            List<String> candidates = new ArrayList<>();
            if (episode.isActive() && episode.processInstanceId() != null) {
                candidates.add(episode.processInstanceId());
                runtime.createProcessInstanceQuery().superProcessInstanceId(episode.processInstanceId()).list().stream()
                        .map(ProcessInstance::getId)
                        .forEach(candidates::add);
            }
            return candidates.stream()
                    .filter(id -> runtime.createEventSubscriptionQuery()
                                    .eventType("message")
                                    .eventName(MESSAGE)
                                    .processInstanceId(id)
                                    .count()
                            > 0)
                    .findFirst()
                    .orElse(null);
        });
        if (target == null) {
            throw new FormInputException(
                    "meetingOutcome",
                    item.patientName() + "'s pathway is not waiting for an MDT review now;"
                            + " record them as not reached to carry them over.");
        }
        engine.asSystem(() -> runtime.createMessageCorrelation(MESSAGE)
                .processInstanceId(target)
                .setVariable("reviewedAtMeeting", true)
                .correlate());
    }
}
