package org.coordinatedcare.outcomes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.coordinatedcare.outcomes.OutcomesScope.PracticeRow;
import org.coordinatedcare.outcomes.OutcomesScope.Scope;
import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outcomes report for a scope. Every figure but the caseloads and overdue work describes the people identified in
 * the period (episodes opened from {@code from} to {@code to}) and what has happened to them since, up to today
 * (ADR 0025). One SQL statement reads one row per episode with its milestones, each milestone table read once for
 * the period's episodes and grouped (not a lookup per episode: BENCHMARKS.md, part 7); the figures are computed from
 * them.
 */
@Component
class Outcomes {

    static final List<String> TABLES =
            List.of("funnel", "byMonth", "time", "overdueTasks", "caseloads", "referrals", "outcomes", "equity");

    private static final String EPISODES = """
            with chosen as (
                select e.id from episode e
                 where e.practice_id in (:practices) and e.opened_at >= :from and e.opened_at < :to
            )
            select e.id, e.patient_id, p.fhir_id, pr.ods_code, e.opened_at, e.closed_at, e.closure_reason,
                   e.process_instance_id, p.birth_date, p.sex, p.ethnic_category, p.imd_quintile,
                   n.named_at, coalesce(i.invitations, 0) invitations, coalesce(i.accepted, 0) accepted,
                   coalesce(i.declined, 0) declined, h.assessed_at, c.plan_at, latest.review_date,
                   coalesce(r.referrals, 0) referrals, a.coordinator_at, k.reasons
              from episode e
              join patient p on p.id = e.patient_id
              join practice pr on pr.id = e.practice_id
              left join (select episode_id, min(started_at) named_at from named_professional_assignment
                          where episode_id in (select id from chosen) group by episode_id) n on n.episode_id = e.id
              left join (select episode_id, count(*) invitations,
                                sum(case when response = 'accepted' then 1 else 0 end) accepted,
                                sum(case when response = 'declined' then 1 else 0 end) declined
                           from invitation
                          where episode_id in (select id from chosen) group by episode_id) i on i.episode_id = e.id
              left join (select episode_id, min(assessed_at) assessed_at from holistic_assessment
                          where episode_id in (select id from chosen) group by episode_id) h on h.episode_id = e.id
              left join (select episode_id, min(created_at) plan_at, max(version) version from care_plan
                          where episode_id in (select id from chosen) group by episode_id) c on c.episode_id = e.id
              left join care_plan latest on latest.episode_id = c.episode_id and latest.version = c.version
              left join (select episode_id, count(*) referrals from referral
                          where sent_at is not null and episode_id in (select id from chosen)
                          group by episode_id) r on r.episode_id = e.id
              left join (select episode_id, min(started_at) coordinator_at from coordinator_assignment
                          where episode_id in (select id from chosen) group by episode_id) a on a.episode_id = e.id
              left join (select episode_id, max(reasons) reasons from case_finding_candidate
                          where episode_id in (select id from chosen) group by episode_id) k on k.episode_id = e.id
             where e.id in (select id from chosen)
            """;

    private final JdbcClient jdbc;
    private final OpenTasks openTasks;
    private final int minPeople;

    Outcomes(JdbcClient jdbc, OpenTasks openTasks, @Value("${coordinated-care.outcomes.min-people:5}") int minPeople) {
        this.jdbc = jdbc;
        this.openTasks = openTasks;
        this.minPeople = Math.max(1, minPeople);
    }

    /** What one episode reached, and when. */
    record Episode(
            long id,
            long patientId,
            String fhirId,
            String practice,
            LocalDateTime openedAt,
            LocalDateTime closedAt,
            String closureReason,
            String processInstanceId,
            LocalDate birthDate,
            String sex,
            String ethnicCategory,
            Integer imdQuintile,
            LocalDateTime namedAt,
            int invitations,
            int accepted,
            int declined,
            LocalDateTime assessedAt,
            LocalDateTime planAt,
            LocalDate reviewDate,
            int referrals,
            LocalDateTime coordinatorAt,
            String reasons) {}

    /** The whole report: period, practices, the minimum and every table by name. */
    record Report(
            LocalDate from,
            LocalDate to,
            List<String> practices,
            List<PracticeRow> choices,
            int minPeople,
            String cohort,
            Map<String, OutcomesTable> tables) {}

    Report report(Scope scope) {
        List<Episode> episodes = scope.practices().isEmpty() ? List.of() : episodes(scope);
        Map<Long, List<Encounter>> encounters = encounters(scope);
        Map<String, OutcomesTable> tables = new LinkedHashMap<>();
        tables.put("funnel", funnel(episodes));
        tables.put("byMonth", byMonth(episodes));
        tables.put("time", time(episodes));
        OpenTasks.Overdue overdue = openTasks.overdue(scope.practices());
        tables.put("overdueTasks", overdueTasks(overdue));
        tables.put("caseloads", caseloads(scope));
        tables.put("referrals", referrals(scope));
        tables.put("outcomes", outcomes(episodes, encounters));
        tables.put("equity", equity(episodes, encounters));
        return new Report(
                scope.from(),
                scope.to(),
                scope.practices().stream().map(PracticeRow::odsCode).toList(),
                scope.choices(),
                minPeople,
                "people identified from " + scope.from() + " to " + scope.to()
                        + "; caseloads and overdue work as of now",
                tables);
    }

    private List<Episode> episodes(Scope scope) {
        return jdbc.sql(EPISODES)
                .param("practices", scope.practiceIds())
                .param("from", scope.from().atStartOfDay())
                .param("to", scope.to().plusDays(1).atStartOfDay())
                .query((rs, n) -> new Episode(
                        rs.getLong("id"),
                        rs.getLong("patient_id"),
                        rs.getString("fhir_id"),
                        rs.getString("ods_code"),
                        time(rs, "opened_at"),
                        time(rs, "closed_at"),
                        rs.getString("closure_reason"),
                        rs.getString("process_instance_id"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getString("sex"),
                        rs.getString("ethnic_category"),
                        rs.getObject("imd_quintile", Integer.class),
                        time(rs, "named_at"),
                        rs.getInt("invitations"),
                        rs.getInt("accepted"),
                        rs.getInt("declined"),
                        time(rs, "assessed_at"),
                        time(rs, "plan_at"),
                        rs.getObject("review_date", LocalDate.class),
                        rs.getInt("referrals"),
                        time(rs, "coordinator_at"),
                        rs.getString("reasons")))
                .list();
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toLocalDateTime();
    }

    // The funnel

    /** The funnel's stages in order, each the test an episode passes to be counted there. */
    static Map<String, Predicate<Episode>> stages() {
        Map<String, Predicate<Episode>> stages = new LinkedHashMap<>();
        stages.put("Identified", e -> true);
        for (Trigger trigger : Trigger.values()) {
            stages.put("Identified: " + trigger.label, e -> trigger.matches(e.reasons()));
        }
        stages.put("Named professional assigned", e -> e.namedAt() != null);
        stages.put("Invitation accepted", e -> e.accepted() > 0);
        stages.put("Invitation declined", e -> e.accepted() == 0 && e.declined() > 0);
        stages.put("Invitation: no response", e -> e.invitations() > 0 && e.accepted() == 0 && e.declined() == 0);
        stages.put("Holistic assessment", e -> e.assessedAt() != null);
        stages.put("Plan agreed", e -> e.planAt() != null);
        stages.put("Referrals made", e -> e.referrals() > 0);
        stages.put("Care coordinator appointed", e -> e.coordinatorAt() != null);
        stages.put("Closed", e -> e.closedAt() != null);
        for (String reason : List.of("NEEDS_STABLE", "DECEASED", "LEFT_PRACTICE", "DECLINED")) {
            stages.put("Closed: " + label(reason), e -> reason.equals(e.closureReason()));
        }
        return stages;
    }

    private OutcomesTable funnel(List<Episode> episodes) {
        OutcomesTable table = new OutcomesTable("From identification to closure", "stage", "people");
        stages().forEach((stage, reached) -> table.row(stage, count(episodes, reached)));
        return table;
    }

    /** Who is behind a funnel count: their FHIR ids and pathways, unless the count is suppressed. */
    record Person(String patientId, String practice, String processInstanceId) {}

    record People(String stage, Figure count, List<Person> people) {}

    People people(Scope scope, String stage) {
        Predicate<Episode> reached = stages().get(stage);
        if (reached == null) {
            throw new InvalidRequestException(
                    "stage", "No stage '" + (stage.length() > 60 ? stage.substring(0, 60) : stage) + "'.");
        }
        List<Episode> behind = (scope.practices().isEmpty() ? List.<Episode>of() : episodes(scope))
                .stream().filter(reached).toList();
        Figure count = Figure.count(behind.size(), minPeople);
        List<Person> people = count.suppressed()
                ? List.of()
                : behind.stream()
                        .map(e -> new Person(e.fhirId(), e.practice(), e.processInstanceId()))
                        .toList();
        return new People(stage, count, people);
    }

    /** Why a patient was identified: the case-finding reasons of the candidate their episode came from. */
    enum Trigger {
        LTC("3+ long-term conditions", "3 or more long-term conditions"),
        FRAILTY("frailty", "frailty"),
        ADMISSIONS("unplanned admissions", "unplanned admissions"),
        DISCHARGE("hospital discharge", "discharge"),
        REFERRED("referred by a clinician or a feed", null);

        final String label;
        private final String phrase;

        Trigger(String label, String phrase) {
            this.label = label;
            this.phrase = phrase;
        }

        boolean matches(String reasons) {
            if (phrase == null) {
                return reasons == null;
            }
            return reasons != null && reasons.toLowerCase().contains(phrase.toLowerCase());
        }
    }

    private OutcomesTable byMonth(List<Episode> episodes) {
        OutcomesTable table = new OutcomesTable(
                "People identified by month", "month", "identified", "namedProfessional", "planAgreed");
        Map<String, List<Episode>> months = new java.util.TreeMap<>();
        for (Episode e : episodes) {
            months.computeIfAbsent(
                            e.openedAt()
                                    .toLocalDate()
                                    .withDayOfMonth(1)
                                    .toString()
                                    .substring(0, 7),
                            m -> new ArrayList<>())
                    .add(e);
        }
        months.forEach((month, list) -> table.row(
                month,
                count(list, e -> true),
                count(list, e -> e.namedAt() != null),
                count(list, e -> e.planAt() != null)));
        return table;
    }

    // Time

    private OutcomesTable time(List<Episode> episodes) {
        OutcomesTable table = new OutcomesTable("How long it takes", "measure", "median", "p90");
        timing(table, "Days from identification to named professional", episodes, Episode::namedAt);
        timing(table, "Days from identification to agreed plan", episodes, Episode::planAt);
        LocalDate today = LocalDate.now();
        int pastReview = (int) episodes.stream()
                .filter(e -> e.closedAt() == null
                        && e.reviewDate() != null
                        && e.reviewDate().isBefore(today))
                .count();
        table.row("Open pathways with a plan past its review date", Figure.count(pastReview, minPeople), null);
        return table;
    }

    private void timing(
            OutcomesTable table, String label, List<Episode> episodes, Function<Episode, LocalDateTime> at) {
        List<Double> days = episodes.stream()
                .filter(e -> at.apply(e) != null)
                .map(e -> ChronoUnit.MINUTES.between(e.openedAt(), at.apply(e)) / (24 * 60.0))
                .sorted()
                .toList();
        table.row(
                label,
                Figure.measure(percentile(days, 50), days.size(), minPeople),
                Figure.measure(percentile(days, 90), days.size(), minPeople));
    }

    /** Linear interpolation between closest ranks (the common spreadsheet PERCENTILE.INC). */
    static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = (p / 100.0) * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
    }

    private OutcomesTable overdueTasks(OpenTasks.Overdue overdue) {
        OutcomesTable table = new OutcomesTable("Open tasks past their due date, now", "role", "overdue");
        overdue.byRole().forEach((role, n) -> table.row(role, Figure.operational(n)));
        table.row("MDT reviews overdue", Figure.operational(overdue.mdtReviews()));
        return table;
    }

    // People

    private OutcomesTable caseloads(Scope scope) {
        OutcomesTable table = new OutcomesTable(
                "Caseloads now: open pathways per care coordinator and named professional",
                "role",
                "professional",
                "practice",
                "patients");
        if (scope.practices().isEmpty()) {
            return table;
        }
        for (String[] kind : List.of(
                new String[] {"Care coordinator", "coordinator_assignment"},
                new String[] {"Named professional", "named_professional_assignment"})) {
            jdbc.sql("select pf.given_name, pf.family_name, pr.ods_code, count(distinct e.id) patients"
                            + " from " + kind[1] + " a"
                            + " join episode e on e.id = a.episode_id and e.status = 'ACTIVE'"
                            + " join professional pf on pf.id = a.professional_id"
                            + " join practice pr on pr.id = e.practice_id"
                            + " where a.ended_at is null and e.practice_id in (:practices)"
                            + " group by pf.id, pf.given_name, pf.family_name, pr.ods_code"
                            + " order by patients desc, pf.family_name")
                    .param("practices", scope.practiceIds())
                    .query((rs, n) -> table.row(
                            kind[0],
                            rs.getString("given_name") + " " + rs.getString("family_name"),
                            rs.getString("ods_code"),
                            Figure.operational(rs.getInt("patients"))))
                    .list();
        }
        return table;
    }

    // Referrals

    private OutcomesTable referrals(Scope scope) {
        OutcomesTable table = new OutcomesTable(
                "Referrals of the people identified, by type",
                "type",
                "made",
                "accepted",
                "declined",
                "completed",
                "medianDaysToResponse");
        if (scope.practices().isEmpty()) {
            return table;
        }
        record Row(String type, long patient, String status, LocalDateTime sent, LocalDateTime responded) {}
        List<Row> rows = jdbc.sql("select r.type, e.patient_id, r.status, r.sent_at, r.responded_at from referral r"
                        + " join episode e on e.id = r.episode_id"
                        + " where r.sent_at is not null and e.practice_id in (:practices)"
                        + " and e.opened_at >= :from and e.opened_at < :to")
                .param("practices", scope.practiceIds())
                .param("from", scope.from().atStartOfDay())
                .param("to", scope.to().plusDays(1).atStartOfDay())
                .query((rs, n) -> new Row(
                        rs.getString("type"),
                        rs.getLong("patient_id"),
                        rs.getString("status"),
                        time(rs, "sent_at"),
                        time(rs, "responded_at")))
                .list();
        for (String type : List.of(
                "SOCIAL_PRESCRIBING",
                "HEALTH_COACHING",
                "SELF_MANAGEMENT_COURSE",
                "TALKING_THERAPIES",
                "PERSONAL_HEALTH_BUDGET")) {
            List<Row> ofType = rows.stream().filter(r -> r.type().equals(type)).toList();
            Function<Predicate<Row>, Figure> people = p -> Figure.count(
                    (int) ofType.stream().filter(p).map(Row::patient).distinct().count(), minPeople);
            List<Row> answered =
                    ofType.stream().filter(r -> r.responded() != null).toList();
            List<Double> days = answered.stream()
                    .map(r -> ChronoUnit.MINUTES.between(r.sent(), r.responded()) / (24 * 60.0))
                    .sorted()
                    .toList();
            table.row(
                    label(type),
                    people.apply(r -> true),
                    people.apply(r ->
                            List.of("ACCEPTED", "COMPLETED", "NOT_COMPLETED").contains(r.status())),
                    people.apply(r -> r.status().equals("DECLINED")),
                    people.apply(r -> r.status().equals("COMPLETED")),
                    Figure.measure(
                            percentile(days, 50),
                            (int) answered.stream().map(Row::patient).distinct().count(),
                            minPeople));
        }
        return table;
    }

    // Admissions and A&E attendances before and after identification

    record Encounter(String type, LocalDate on) {}

    private Map<Long, List<Encounter>> encounters(Scope scope) {
        Map<Long, List<Encounter>> byPatient = new HashMap<>();
        if (scope.practices().isEmpty()) {
            return byPatient;
        }
        jdbc.sql("select x.patient_id, x.type, x.occurred_on from encounter x"
                        + " where x.type in ('UNPLANNED_ADMISSION', 'AE_ATTENDANCE') and x.patient_id in"
                        + " (select e.patient_id from episode e where e.practice_id in (:practices)"
                        + " and e.opened_at >= :from and e.opened_at < :to)")
                .param("practices", scope.practiceIds())
                .param("from", scope.from().atStartOfDay())
                .param("to", scope.to().plusDays(1).atStartOfDay())
                .query((rs, n) -> byPatient
                        .computeIfAbsent(rs.getLong("patient_id"), id -> new ArrayList<>())
                        .add(new Encounter(rs.getString("type"), rs.getObject("occurred_on", LocalDate.class))))
                .list();
        return byPatient;
    }

    /** Events per patient-year (365 days): the 12 months before identification, and from identification to today. */
    record Rates(Figure before, Figure after) {}

    Rates rates(List<Episode> episodes, Map<Long, List<Encounter>> encounters, String type) {
        LocalDate today = LocalDate.now();
        int before = 0;
        int after = 0;
        long daysAfter = 0;
        for (Episode e : episodes) {
            LocalDate identified = e.openedAt().toLocalDate();
            daysAfter += ChronoUnit.DAYS.between(identified, today);
            for (Encounter x : encounters.getOrDefault(e.patientId(), List.of())) {
                if (!x.type().equals(type)) {
                    continue;
                }
                if (!x.on().isBefore(identified.minusDays(365)) && x.on().isBefore(identified)) {
                    before++;
                } else if (!x.on().isBefore(identified) && !x.on().isAfter(today)) {
                    after++;
                }
            }
        }
        int people = episodes.size();
        return new Rates(
                Figure.measure(people == 0 ? null : (double) before / people, people, minPeople),
                Figure.measure(daysAfter == 0 ? null : after / (daysAfter / 365.0), people, minPeople));
    }

    private OutcomesTable outcomes(List<Episode> episodes, Map<Long, List<Encounter>> encounters) {
        OutcomesTable table = new OutcomesTable(
                "Per patient-year: 12 months before identification against the time since",
                "measure",
                "before",
                "since");
        for (String type : List.of("UNPLANNED_ADMISSION", "AE_ATTENDANCE")) {
            Rates rates = rates(episodes, encounters, type);
            table.row(label(type), rates.before(), rates.after());
        }
        return table;
    }

    // Equity

    private OutcomesTable equity(List<Episode> episodes, Map<Long, List<Encounter>> encounters) {
        OutcomesTable table = new OutcomesTable(
                "The same figures by group",
                "dimension",
                "group",
                "identified",
                "namedProfessional",
                "planAgreed",
                "coordinatorAppointed",
                "admissionsBefore",
                "admissionsSince",
                "aeBefore",
                "aeSince");
        Map<String, Function<Episode, String>> dimensions = new LinkedHashMap<>();
        dimensions.put("sex", e -> e.sex() == null ? "not recorded" : e.sex());
        dimensions.put("age band", e -> ageBand(e.birthDate(), e.openedAt().toLocalDate()));
        dimensions.put("ethnicity", e -> Ethnicity.group(e.ethnicCategory()));
        dimensions.put(
                "IMD quintile",
                e -> e.imdQuintile() == null
                        ? "not recorded"
                        : e.imdQuintile() + (e.imdQuintile() == 1 ? " (most deprived)" : ""));
        dimensions.put("practice", Episode::practice);
        dimensions.forEach((dimension, groupOf) -> {
            Map<String, List<Episode>> groups = new java.util.TreeMap<>();
            for (Episode e : episodes) {
                groups.computeIfAbsent(groupOf.apply(e), g -> new ArrayList<>()).add(e);
            }
            groups.forEach((group, list) -> {
                Rates admissions = rates(list, encounters, "UNPLANNED_ADMISSION");
                Rates ae = rates(list, encounters, "AE_ATTENDANCE");
                table.row(
                        dimension,
                        group,
                        count(list, e -> true),
                        count(list, e -> e.namedAt() != null),
                        count(list, e -> e.planAt() != null),
                        count(list, e -> e.coordinatorAt() != null),
                        admissions.before(),
                        admissions.after(),
                        ae.before(),
                        ae.after());
            });
        });
        return table;
    }

    static String ageBand(LocalDate born, LocalDate on) {
        if (born == null) {
            return "not recorded";
        }
        int age = java.time.Period.between(born, on).getYears();
        if (age < 18) {
            return "under 18";
        }
        if (age < 50) {
            return "18-49";
        }
        if (age < 65) {
            return "50-64";
        }
        if (age < 75) {
            return "65-74";
        }
        if (age < 85) {
            return "75-84";
        }
        return "85+";
    }

    private Figure count(List<Episode> episodes, Predicate<Episode> reached) {
        return Figure.count((int) episodes.stream().filter(reached).count(), minPeople);
    }

    private static String label(String code) {
        String words = code.toLowerCase().replace('_', ' ');
        return switch (code) {
            case "AE_ATTENDANCE" -> "A&E attendances";
            case "UNPLANNED_ADMISSION" -> "Unplanned admissions";
            case "NEEDS_STABLE" -> "needs stable";
            default -> Character.toUpperCase(words.charAt(0)) + words.substring(1);
        };
    }

    int minPeople() {
        return minPeople;
    }
}
