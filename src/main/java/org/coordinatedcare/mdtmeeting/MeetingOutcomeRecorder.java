package org.coordinatedcare.mdtmeeting;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.PathwayVariables;
import org.coordinatedcare.mdt.MdtReview;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * In the person's MDT review: records the review as the neighbourhood meeting held it, from the meeting's outcome for
 * this episode, and sets what the pathway routes on as a review held here would. "Appoint a coordinator" is the
 * review outcome "continue" with {@code coordinatorRequested}, which {@code coordinator-trigger.dmn} weighs.
 */
@Component("mdtMeetingOutcomeRecorder")
public class MeetingOutcomeRecorder implements JavaDelegate {

    private final EpisodeBinding binding;
    private final MdtReviewRepository reviews;
    private final MdtMeetings meetings;

    public MeetingOutcomeRecorder(EpisodeBinding binding, MdtReviewRepository reviews, MdtMeetings meetings) {
        this.binding = binding;
        this.reviews = reviews;
        this.meetings = meetings;
    }

    @Override
    @Transactional
    public void execute(DelegateExecution execution) {
        Episode episode = binding.episode(execution);
        Item item = meetings.outcomeWaitingFor(episode.id())
                .orElseThrow(() -> new IllegalStateException(
                        "No neighbourhood MDT meeting outcome is waiting for episode " + episode.id()));
        Meeting meeting = meetings.meeting(item.meetingId()).orElseThrow();
        MdtReview review = reviews.findById(PathwayVariables.requiredNumber(execution, "mdtReviewId"))
                .orElseThrow();
        binding.checkOwned(execution, "mdtReviewId", review.episodeId());
        int agencies = item.agencies() != null
                ? item.agencies()
                : ((Number) execution.getVariable("agenciesInvolved")).intValue();
        boolean longIntervention = Boolean.TRUE.equals(item.longIntervention());
        String outcome = "appointCoordinator".equals(item.outcome()) ? "continue" : item.outcome();
        String attendees = "Neighbourhood MDT meeting " + meeting.id() + " (" + meeting.neighbourhood() + "): "
                + String.join(
                        ", ",
                        meetings.attendees(meeting.id()).stream()
                                .map(a -> a.name() + " (" + a.agency() + ")")
                                .toList());
        reviews.save(review.held(
                meeting.heldOn(),
                attendees.length() > 1000 ? attendees.substring(0, 1000) : attendees,
                item.needTrend(),
                agencies,
                longIntervention,
                outcome,
                item.notes(),
                item.recordedBy()));
        meetings.reviewed(item.id(), review.id());
        execution.setVariable("mdtOutcome", outcome);
        execution.setVariable("needTrend", item.needTrend());
        execution.setVariable("agenciesInvolved", agencies);
        execution.setVariable("longInterventionExpected", longIntervention);
        execution.setVariable("coordinatorRequested", "appointCoordinator".equals(item.outcome()));
    }
}
