package org.coordinatedcare.coordination;

import static org.coordinatedcare.form.FormContext.literal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.coordinatedcare.episode.EpisodeBinding;
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
            default -> literal(decision.decision());
        };
        StringBuilder text = new StringBuilder("**The lead practitioner's funding decision** (")
                .append(literal(decision.decidedBy()))
                .append(", ")
                .append(DAY.format(decision.decidedAt().atZone(ZoneId.systemDefault())))
                .append("): ")
                .append(what);
        if (decision.fundedServices() != null) {
            text.append("\n\n**Funded services:** ").append(literal(decision.fundedServices()));
        }
        if (decision.note() != null) {
            text.append("\n\n**Note:** ").append(literal(decision.note()));
        }
        return text.toString();
    }
}
