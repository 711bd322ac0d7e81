package org.coordinatedcare.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.coordinatedcare.casefinding.CaseFindingPreview;
import org.coordinatedcare.pathway.PathwayFixture;
import org.coordinatedcare.pathway.PathwayTestSupport;
import org.coordinatedcare.patient.Condition;
import org.coordinatedcare.patient.ConditionRepository;
import org.coordinatedcare.patient.Encounter;
import org.coordinatedcare.patient.EncounterRepository;
import org.coordinatedcare.patient.EncounterType;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Previews of changed decision tables against a known population: a practice of this test's own for eligibility, and
 * this test's running pathways for the two pathway rules (other tests' pathways are gone after each test). Counts are
 * exact, and nothing is written and no pathway starts.
 */
class RulePreviewTest extends PathwayTestSupport {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final List<String[]> CODES = List.of(
            new String[] {"38341003", "Hypertensive disorder"},
            new String[] {"44054006", "Type 2 diabetes mellitus"},
            new String[] {"13645005", "COPD"},
            new String[] {"84114007", "Heart failure"});

    @Autowired
    CaseFindingPreview caseFinding;

    @Autowired
    PathwayRulePreview pathwayRules;

    @Autowired
    UploadedDecision uploads;

    @Autowired
    PracticeRepository practices;

    @Autowired
    PatientRepository patients;

    @Autowired
    ConditionRepository conditions;

    @Autowired
    EncounterRepository encounters;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void showsWhoWouldEnterAndLeaveEachPracticesListWithReasons() throws IOException {
        Practice practice = practices.save(Practice.of(
                "PV" + (10000 + NEXT.incrementAndGet() + System.nanoTime() % 80000), "Preview Surgery", "Borough"));
        Patient threeConditions = patient(practice, 3, 0); // leaves: 3 conditions no longer enough
        patient(practice, 4, 0); // stays listed
        Patient twoAndAnAdmission = patient(practice, 2, 1); // enters: one admission is now enough
        Patient oneAndAnAdmission = patient(practice, 1, 1); // enters
        patient(practice, 3, 2); // stays listed by its admissions
        patient(practice, 1, 0); // listed by neither

        String changed = table("case-finding-eligibility.dmn");
        changed = replaceInRule(changed, "Rule_Multimorbidity", ">= 3", ">= 4");
        changed = replaceInRule(changed, "Rule_UnplannedAdmissions", ">= 2", ">= 1");
        Map<String, Long> rows = rows();
        long instances = runtime.createProcessInstanceQuery().count();

        byte[] upload = uploads.read(null, changed.getBytes(StandardCharsets.UTF_8), "case-finding-eligibility");
        CaseFindingPreview.Preview preview = caseFinding.preview(upload);

        CaseFindingPreview.PracticePreview mine = preview.practices().stream()
                .filter(p -> p.practice().equals(practice.odsCode()))
                .findFirst()
                .orElseThrow();
        assertThat(mine.eligibleNow()).isEqualTo(3);
        assertThat(mine.eligibleAfter()).isEqualTo(4);
        assertThat(mine.entering())
                .extracting(CaseFindingPreview.Change::patientId)
                .containsExactlyInAnyOrder(twoAndAnAdmission.fhirId(), oneAndAnAdmission.fhirId());
        assertThat(mine.entering()).allSatisfy(change -> {
            assertThat(change.reasonsNow()).isEmpty();
            assertThat(change.reasonsAfter()).containsExactly("2 or more unplanned admissions in 12 months");
        });
        assertThat(mine.leaving()).singleElement().satisfies(change -> {
            assertThat(change.patientId()).isEqualTo(threeConditions.fhirId());
            assertThat(change.reasonsNow()).containsExactly("3 or more long-term conditions");
            assertThat(change.reasonsAfter()).isEmpty();
        });
        assertThat(preview.deployed()).startsWith("case-finding-eligibility version ");

        // the deployed table against itself moves no one
        CaseFindingPreview.Preview same =
                caseFinding.preview(table("case-finding-eligibility.dmn").getBytes(StandardCharsets.UTF_8));
        assertThat(same.entering()).isZero();
        assertThat(same.leaving()).isZero();

        assertThat(rows()).isEqualTo(rows);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
    }

    @Test
    void showsHowManyRunningPathwaysWouldGetACoordinatorAndHowReviewDatesWouldMove() throws IOException {
        Patient firstReview = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(firstReview, List.of());
        Patient reviewedWithTwoAgencies = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(reviewedWithTwoAgencies, List.of());
        var timer = management
                .createJobQuery()
                .processInstanceId(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(reviewedWithTwoAgencies.fhirId())
                        .processDefinitionKey("coordinated-care")
                        .singleResult()
                        .getId())
                .activityId("Timer_MdtReviewDue")
                .singleResult();
        management.executeJob(timer.getId());
        runJobs();
        holdMdtReview(reviewedWithTwoAgencies, "stable", 2, false, "continue");
        Map<String, Long> rows = rows();
        long instances = runtime.createProcessInstanceQuery().count();
        long jobs = management.createJobQuery().count();

        String trigger = replaceInRule(table("coordinator-trigger.dmn"), "Rule_ManyAgencies", "&gt;= 3", "&gt;= 2");
        PathwayRulePreview.TriggerPreview coordinators = pathwayRules.coordinatorTrigger(
                uploads.read(null, trigger.getBytes(StandardCharsets.UTF_8), "coordinator-trigger"));
        assertThat(coordinators.pathways()).isEqualTo(2);
        assertThat(coordinators.wouldGetCoordinatorNow()).isZero();
        assertThat(coordinators.wouldGetCoordinatorAfter()).isEqualTo(1);
        assertThat(coordinators.changes()).singleElement().satisfies(change -> {
            assertThat(change.patientId()).isEqualTo(reviewedWithTwoAgencies.fhirId());
            assertThat(change.practice()).isEqualTo(PathwayFixture.PRACTICE);
            assertThat(change.triggerNow()).isNull();
            assertThat(change.triggerAfter()).isEqualTo("MANY_AGENCIES");
        });

        String interval = replaceInRule(table("mdt-review-interval.dmn"), "Rule_Otherwise", "\"P12W\"", "\"P8W\"");
        PathwayRulePreview.IntervalPreview reviews = pathwayRules.mdtReviewInterval(
                uploads.read(null, interval.getBytes(StandardCharsets.UTF_8), "mdt-review-interval"));
        assertThat(reviews.pathways()).isEqualTo(2);
        assertThat(reviews.reviewsMovedEarlier()).isEqualTo(2);
        assertThat(reviews.reviewsMovedLater()).isZero();
        assertThat(reviews.changes()).hasSize(2).allSatisfy(change -> {
            assertThat(change.intervalNow()).isEqualTo("P12W");
            assertThat(change.intervalAfter()).isEqualTo("P8W");
            assertThat(change.movedByDays()).isEqualTo(-28);
            assertThat(Duration.between(change.reviewDueAfter(), change.reviewDueNow()))
                    .isEqualTo(Duration.ofDays(28));
        });

        assertThat(rows()).isEqualTo(rows);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(management.createJobQuery().count()).isEqualTo(jobs);
    }

    @Test
    void refusesAnUploadThatIsNotASafeDecisionTableNamingThePart() throws IOException {
        String eligibility = table("case-finding-eligibility.dmn");
        String script = eligibility.replaceFirst(
                "<inputExpression id=\"(\\w+)\" typeRef=\"integer\">",
                "<inputExpression id=\"$1\" typeRef=\"integer\" expressionLanguage=\"javascript\">");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">&x;</definitions>";
        for (String bad : List.of(script, xxe, "not xml", table("coordinator-trigger.dmn"))) {
            assertThatThrownBy(
                            () -> uploads.read(null, bad.getBytes(StandardCharsets.UTF_8), "case-finding-eligibility"))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.getField()).isEqualTo("body"));
        }
        byte[] huge = new byte[UploadedDecision.MAX_BYTES + 1];
        assertThatThrownBy(() -> uploads.read(null, huge, "case-finding-eligibility"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most");
    }

    private Patient patient(Practice practice, int conditionCount, int admissions) {
        int n = NEXT.incrementAndGet();
        Patient patient = patients.save(
                Patient.register(null, "Preview" + n, "Patient", LocalDate.of(1950, 1, 1), practice.id()));
        for (int i = 0; i < conditionCount; i++) {
            conditions.save(
                    Condition.diagnosed(patient.id(), CODES.get(i)[0], CODES.get(i)[1], LocalDate.of(2015, 1, 1)));
        }
        for (int i = 0; i < admissions; i++) {
            encounters.save(Encounter.of(
                    patient.id(),
                    EncounterType.UNPLANNED_ADMISSION,
                    LocalDate.now().minusMonths(2 + i)));
        }
        return patients.findById(patient.id()).orElseThrow();
    }

    private static String table(String file) throws IOException {
        return Files.readString(Path.of("processes", file));
    }

    /** Changes one input or output entry's text inside the named rule only. */
    private static String replaceInRule(String xml, String ruleId, String from, String to) {
        int start = xml.indexOf("<rule id=\"" + ruleId + "\">");
        int end = xml.indexOf("</rule>", start);
        assertThat(start).as(ruleId).isPositive();
        String rule = xml.substring(start, end);
        assertThat(rule).contains("<text>" + from + "</text>");
        return xml.substring(0, start)
                + rule.replace("<text>" + from + "</text>", "<text>" + to + "</text>")
                + xml.substring(end);
    }

    private Map<String, Long> rows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of(
                "case_finding_run",
                "case_finding_candidate",
                "case_finding_list",
                "episode",
                "patient",
                "mdt_review",
                "coordinator_assignment",
                "audit_event")) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        counts.put("ACT_HI_DEC_INST", jdbc.queryForObject("select count(*) from ACT_HI_DECINST", Long.class));
        return counts;
    }
}
