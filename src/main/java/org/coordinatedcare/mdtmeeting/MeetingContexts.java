package org.coordinatedcare.mdtmeeting;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.coordinatedcare.form.ContextText;
import org.coordinatedcare.form.FormContext;
import org.coordinatedcare.mdt.MdtReview;
import org.coordinatedcare.mdt.MdtReviewRepository;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Item;
import org.coordinatedcare.mdtmeeting.MdtMeetings.Meeting;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the meeting's forms show, read-only (ADR 0024): the numbered agenda for its preparation and for opening the
 * meeting, and for each "Discuss" task the person, why they are on the agenda and their last MDT review.
 */
@Configuration
class MeetingContexts {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    /** Rows the agenda shows in full; the context is one engine string ({@link ContextText#MAX_LENGTH}). */
    static final int SHOWN = 30;

    @Bean
    FormContext prepareAgendaContext(MdtMeetings meetings, MeetingTaskScope scope) {
        return context("prepare-mdt-agenda", task -> agenda(meetings, scope.meeting(task.getProcessInstanceId())));
    }

    @Bean
    FormContext openMeetingContext(MdtMeetings meetings, MeetingTaskScope scope) {
        return context("open-mdt-meeting", task -> agenda(meetings, scope.meeting(task.getProcessInstanceId())));
    }

    @Bean
    FormContext discussPatientContext(MeetingTaskScope scope, MdtReviewRepository reviews, MdtMeetings meetings) {
        return context("discuss-mdt-patient", task -> {
            Item item = scope.item(task, task.getProcessInstanceId());
            List<Long> agenda = meetings.itemsOf(task.getProcessInstanceId());
            ContextText text = new ContextText()
                    .markdown("**Person " + (agenda.indexOf(item.id()) + 1) + " of " + agenda.size() + ":** ")
                    .typed(item.patientName())
                    .markdown(item.nhsNumber() == null ? "" : ", NHS number " + item.nhsNumber())
                    .markdown(", ")
                    .typed(item.practiceName())
                    .markdown("\n\n**On the agenda because:** ")
                    .typed(why(item));
            Optional<MdtReview> last = reviews.findByEpisodeIdOrderById(item.episodeId()).stream()
                    .filter(r -> "HELD".equals(r.status()))
                    .reduce((a, b) -> b);
            text.markdown("\n\n**Last MDT review:** ");
            if (last.isEmpty()) {
                text.markdown("none yet.");
            } else {
                text.markdown(DAY.format(last.get().heldOn()) + ", needs "
                        + last.get().needTrend() + ", outcome " + last.get().outcome());
            }
            return Optional.of(text.build());
        });
    }

    private static Optional<String> agenda(MdtMeetings meetings, Meeting meeting) {
        List<Item> listed = meetings.agenda(meeting.id()).stream()
                .filter(item -> "LISTED".equals(item.status()))
                .toList();
        ContextText text = new ContextText()
                .markdown("**Agenda of the " + meeting.neighbourhood() + " neighbourhood MDT meeting** (reviews due by "
                        + DAY.format(meeting.agendaUntil()) + ")\n");
        if (listed.isEmpty()) {
            text.markdown("\nNobody is on the agenda.");
        }
        for (int i = 0; i < listed.size() && i < SHOWN; i++) {
            Item item = listed.get(i);
            text.markdown("\n" + (i + 1) + ". ")
                    .typed(item.patientName())
                    .markdown(" (")
                    .typed(item.practiceName())
                    .markdown("): ")
                    .typed(why(item));
        }
        if (listed.size() > SHOWN) {
            text.markdown("\n\n… and " + (listed.size() - SHOWN) + " more (numbers " + (SHOWN + 1) + " to "
                    + listed.size() + ").");
        }
        return Optional.of(text.build());
    }

    static String why(Item item) {
        return switch (item.source()) {
            case "REVIEW_DUE" ->
                "MDT review due " + (item.reviewDueOn() == null ? "now" : DAY.format(item.reviewDueOn()));
            case "ADDED" -> "added: " + item.reason();
            default -> item.reason() == null ? "carried over" : item.reason();
        };
    }

    interface Describe {
        Optional<String> describe(DelegateTask task);
    }

    private static FormContext context(String formId, Describe describe) {
        return new FormContext() {
            @Override
            public String formId() {
                return formId;
            }

            @Override
            public Optional<String> describe(DelegateTask task) {
                return describe.describe(task);
            }
        };
    }
}
