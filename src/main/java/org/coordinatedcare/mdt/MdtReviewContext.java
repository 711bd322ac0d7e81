package org.coordinatedcare.mdt;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.careplan.CarePlanAction;
import org.coordinatedcare.careplan.CarePlanRepository;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.ContextText;
import org.coordinatedcare.form.FormContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The MDT review shows the current care and support plan and what changed since the last review held: a new plan
 * version and which parts of it changed, and the referrals whose status moved.
 */
@Component
public class MdtReviewContext implements FormContext {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final EpisodeBinding binding;
    private final CarePlanRepository plans;
    private final MdtReviewRepository reviews;
    private final JdbcClient jdbc;

    public MdtReviewContext(
            EpisodeBinding binding, CarePlanRepository plans, MdtReviewRepository reviews, JdbcClient jdbc) {
        this.binding = binding;
        this.plans = plans;
        this.reviews = reviews;
        this.jdbc = jdbc;
    }

    @Override
    public String formId() {
        return "hold-mdt-review";
    }

    @Override
    public Optional<String> describe(DelegateTask task) {
        long episodeId = binding.episodeId(task);
        List<CarePlan> versions = plans.findByEpisodeIdOrderByVersion(episodeId);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        CarePlan current = versions.get(versions.size() - 1);
        ContextText text = plan(current);
        Optional<MdtReview> last = reviews.findByEpisodeIdOrderById(episodeId).stream()
                .filter(review -> "HELD".equals(review.status()))
                .max(Comparator.comparing(MdtReview::id));
        if (last.isEmpty()) {
            return Optional.of(text.markdown("\n\n**Since the last MDT review:** this is the first MDT review.")
                    .build());
        }
        MdtReview review = last.get();
        Instant since = review.preparedAt();
        text.markdown("\n\n**Since the last MDT review** (held " + day(review.heldOn()) + ": "
                + outcome(review.outcome()) + ")\n");
        List<String> changes = new ArrayList<>();
        CarePlan before = versions.stream()
                .filter(plan -> !plan.createdAt().isAfter(since))
                .reduce((first, second) -> second)
                .orElse(null);
        if (before == null || before.version() != current.version()) {
            changes.add("Plan version " + current.version() + " agreed " + day(current.createdAt())
                    + (before == null ? "" : ": " + changed(before, current)));
        }
        changes.addAll(referralChanges(episodeId, since));
        if (changes.isEmpty()) {
            text.markdown("\nNo change to the plan or the referrals.");
        }
        changes.forEach(change -> text.markdown("\n- " + change));
        return Optional.of(text.build());
    }

    private static ContextText plan(CarePlan plan) {
        ContextText text = new ContextText()
                .markdown("**Current care and support plan** (version " + plan.version() + ", agreed "
                        + day(plan.createdAt()) + " by ")
                .typed(plan.createdBy())
                .markdown("; review by " + day(plan.reviewDate()) + ")\n\n**What matters to the person:** ")
                .typed(plan.whatMattersToMe())
                .markdown("\n\n**Goals:** ")
                .typed(plan.goals())
                .markdown("\n\n**Actions:**\n");
        for (CarePlanAction action : plan.actions()) {
            text.markdown("\n- ")
                    .typed(action.description())
                    .markdown(": ")
                    .typed(action.owner())
                    .markdown(", by " + day(action.dueDate()));
        }
        return text;
    }

    private static String changed(CarePlan before, CarePlan now) {
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(before.whatMattersToMe(), now.whatMattersToMe())) {
            parts.add("what matters to the person");
        }
        if (!Objects.equals(before.goals(), now.goals())) {
            parts.add("goals");
        }
        if (!Objects.equals(before.actions(), now.actions())) {
            parts.add("actions");
        }
        if (!Objects.equals(before.reviewDate(), now.reviewDate())) {
            parts.add("review date (was " + day(before.reviewDate()) + ")");
        }
        return parts.isEmpty() ? "no part of it changed" : String.join(", ", parts) + " changed";
    }

    /** Referrals whose status moved since the last review, read as the preparer reads them: from their own table. */
    private List<String> referralChanges(long episodeId, Instant since) {
        return jdbc.sql("""
                        select type, status, coalesce(concluded_at, responded_at, sent_at, proposed_at) as changed_at
                        from referral
                        where episode_id = ? and coalesce(concluded_at, responded_at, sent_at, proposed_at) > ?
                        order by changed_at, id""")
                .params(episodeId, Timestamp.from(since))
                .query((row, i) -> "Referral " + label(row.getString("type")) + ": "
                        + label(row.getString("status")) + " "
                        + day(row.getTimestamp("changed_at").toInstant()))
                .list();
    }

    private static String outcome(String code) {
        return switch (String.valueOf(code)) {
            case "continue" -> "care continued as planned";
            case "updatePlan" -> "the plan to be updated";
            case "proposeClosure" -> "closure proposed";
            default -> "outcome not recorded";
        };
    }

    private static String label(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String day(Instant instant) {
        return DAY.format(instant.atZone(ZoneId.systemDefault()));
    }

    private static String day(LocalDate date) {
        return date == null ? "not recorded" : DAY.format(date);
    }
}
