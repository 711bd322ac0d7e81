package org.coordinatedcare.casefinding;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.coordinatedcare.reference.LtcConditions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The set-based half of case finding: one SQL statement for a practice (or every practice) that computes each patient's
 * eligibility facts (LTC categories, frailty, hospital use, episode and earlier case-finding decisions) and narrows the
 * population to patients with at least one sign of need: an active long-term condition, a frailty record or a hospital
 * event in the last 12 months. Nobody without any of these can meet a rule of the table; the table decides the rest.
 */
@Component
public class CandidateSearch {

    /** Coded frailty findings (UK eFI categories) as Conditions, ranked like the Observation categories. */
    static final String CODED_FRAILTY_RANK = """
            case c.snomed_code when '925861000000102' then 3 when '925831000000107' then 2 when '925791000000100' then 1 end""";

    private static final List<String> FRAILTY = List.of("fit", "mild", "moderate", "severe");

    private final JdbcTemplate jdbc;

    public CandidateSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts about one patient, as read by the SQL, with the names of their LTC categories. */
    public record PatientFacts(long patientId, long practiceId, EligibilityInputs inputs, List<String> ltcCategories) {}

    /**
     * Streams the narrowed population's facts, as of {@code today}, to {@code each}. A patient's LTC categories come
     * back as a set of bits, one per category in name order: a bitwise-or aggregate needs neither the sort of a
     * {@code count(distinct)} nor a second pass to name the categories, so they cost nothing beyond the count.
     */
    public void facts(Long practiceId, LocalDate today, Consumer<PatientFacts> each) {
        List<String> categories = jdbc.queryForList(
                "select distinct ltc_category from ltc_condition order by ltc_category", String.class);
        if (categories.size() > LtcConditions.MAX_CATEGORIES) { // LtcConditions refuses such a CSV at start-up
            throw new IllegalStateException(
                    categories.size() + " LTC categories; at most " + LtcConditions.MAX_CATEGORIES);
        }
        LocalDate yearAgo = today.minusYears(1);
        String practiceFilter = practiceId == null ? "" : " and p.practice_id = " + practiceId;
        String sql = """
                with category as (
                    select snomed_code, dense_rank() over (order by ltc_category) - 1 as bit from ltc_condition),
                ltc as (
                    select c.patient_id, bit_or(cast(power(2, l.bit) as bigint)) as categories
                    from patient_condition c join category l on l.snomed_code = c.snomed_code
                    where %1$s
                    group by c.patient_id),
                observed_frailty as (
                    select patient_id, case category when 'fit' then 0 when 'mild' then 1 when 'moderate' then 2 else 3 end as frailty_rank,
                           row_number() over (partition by patient_id order by effective_date desc, id desc) as recency
                    from frailty_observation where category is not null),
                coded_frailty as (
                    select c.patient_id, max(%2$s) as frailty_rank
                    from patient_condition c
                    where c.snomed_code in ('925861000000102', '925831000000107', '925791000000100') and %1$s
                    group by c.patient_id),
                hospital as (
                    select patient_id,
                           sum(case when type = 'UNPLANNED_ADMISSION' then 1 else 0 end) as admissions,
                           max(case when type = 'HOSPITAL_DISCHARGE' then occurred_on end) as last_discharge
                    from encounter
                    where type in ('UNPLANNED_ADMISSION', 'HOSPITAL_DISCHARGE') and occurred_on > ?
                    group by patient_id),
                listed as (
                    select patient_id,
                           max(case when decision is null then 1 else 0 end) as awaiting,
                           max(case when decision = 'EXCLUDED' then decided_at end) as last_excluded
                    from case_finding_candidate
                    group by patient_id)
                select p.id, p.practice_id, p.birth_date, p.deceased,
                       case when e.id is null then 0 else 1 end as active_episode,
                       coalesce(ltc.categories, 0) as ltc_categories,
                       ofr.frailty_rank as observed_rank, cfr.frailty_rank as coded_rank,
                       coalesce(h.admissions, 0) as admissions, h.last_discharge,
                       coalesce(li.awaiting, 0) as awaiting, li.last_excluded
                from patient p
                left join ltc on ltc.patient_id = p.id
                left join observed_frailty ofr on ofr.patient_id = p.id and ofr.recency = 1
                left join coded_frailty cfr on cfr.patient_id = p.id
                left join hospital h on h.patient_id = p.id
                left join episode e on e.active_patient_id = p.id
                left join listed li on li.patient_id = p.id
                where (ltc.patient_id is not null or ofr.patient_id is not null or cfr.patient_id is not null
                       or h.patient_id is not null)%3$s""".formatted(LtcConditions.ACTIVE_CONDITION, CODED_FRAILTY_RANK, practiceFilter);
        jdbc.query(
                connection -> {
                    withoutJit(connection);
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(5000); // PostgreSQL streams the rows instead of holding them all
                    statement.setDate(1, Date.valueOf(yearAgo));
                    return statement;
                },
                row -> {
                    LocalDate born = row.getDate("birth_date").toLocalDate();
                    int observed = row.getObject("observed_rank") == null ? -1 : row.getInt("observed_rank");
                    int coded = row.getObject("coded_rank") == null ? -1 : row.getInt("coded_rank");
                    int rank = Math.max(observed, coded);
                    Date discharged = row.getDate("last_discharge");
                    java.sql.Timestamp excluded = row.getTimestamp("last_excluded");
                    long ltcBits = row.getLong("ltc_categories");
                    EligibilityInputs inputs = new EligibilityInputs(
                            Period.between(born, today).getYears(),
                            row.getBoolean("deceased"),
                            row.getInt("active_episode") == 1,
                            row.getInt("awaiting") == 1,
                            excluded == null
                                    ? null
                                    : (int) ChronoUnit.MONTHS.between(
                                            excluded.toLocalDateTime().toLocalDate(), today),
                            Long.bitCount(ltcBits),
                            rank < 0 ? null : FRAILTY.get(rank),
                            row.getInt("admissions"),
                            discharged == null ? null : (int) ChronoUnit.DAYS.between(discharged.toLocalDate(), today));
                    each.accept(new PatientFacts(
                            row.getLong("id"), row.getLong("practice_id"), inputs, names(ltcBits, categories)));
                });
    }

    /**
     * PostgreSQL compiles a statement this costly (JIT) before running it, which took about 100 of the search's 500 to
     * 600 ms on the benchmark's register and saves nothing on a plan of hash joins and aggregates read once. Off for the
     * rest of the job's transaction ({@code set local}), which also covers the evidence read after the search; a
     * statement outside a transaction is unaffected.
     */
    static void withoutJit(Connection connection) throws SQLException {
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local jit = off");
            }
        }
    }

    private static List<String> names(long bits, List<String> categories) {
        List<String> names = new ArrayList<>(Long.bitCount(bits));
        for (long rest = bits; rest != 0; rest &= rest - 1) {
            names.add(categories.get(Long.numberOfTrailingZeros(rest)));
        }
        return names;
    }
}
