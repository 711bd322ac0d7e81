package org.coordinatedcare.coordination;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.ContextText;
import org.coordinatedcare.form.FormContext;
import org.springframework.stereotype.Component;

/** The care coordinator schedules what the lead practitioner decided to fund, so the scheduling form shows it. */
@Component
public class SchedulingContext implements FormContext {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final EpisodeBinding binding;
    private final FundingDecisionRepository decisions;

    public SchedulingContext(EpisodeBinding binding, FundingDecisionRepository decisions) {
        this.binding = binding;
        this.decisions = decisions;
    }

    @Override
    public String formId() {
        return "schedule-coordinated-care";
    }

    @Override
    public Optional<String> describe(DelegateTask task) {
        return decisions.findByEpisodeId(binding.episodeId(task)).stream()
                .max(Comparator.comparing(FundingDecision::decidedAt).thenComparing(FundingDecision::id))
                .map(SchedulingContext::describe);
    }

    static String describe(FundingDecision decision) {
        String what = switch (decision.decision()) {
            case "approved" -> "funding approved";
            case "not-needed" -> "no funding needed";
            case "declined" -> "funding declined";
            default -> ContextText.literal(decision.decision());
        };
        ContextText text = new ContextText()
                .markdown("**The lead practitioner's funding decision** (")
                .typed(decision.decidedBy())
                .markdown(", " + DAY.format(decision.decidedAt().atZone(ZoneId.systemDefault())) + "): " + what);
        if (decision.fundedServices() != null) {
            text.markdown("\n\n**Funded services:** ").typed(decision.fundedServices());
        }
        if (decision.note() != null) {
            text.markdown("\n\n**Note:** ").typed(decision.note());
        }
        return text.build();
    }
}
