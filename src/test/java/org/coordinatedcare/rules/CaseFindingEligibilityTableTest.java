package org.coordinatedcare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.coordinatedcare.casefinding.EligibilityInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** case-finding-eligibility.dmn, rule by rule and at each boundary, evaluated as the engine evaluates it. */
class CaseFindingEligibilityTableTest {

    private static final DmnEngine DMN =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision TABLE = parse();

    private static DmnDecision parse() {
        InputStream xml = CaseFindingEligibilityTableTest.class.getResourceAsStream("/case-finding-eligibility.dmn");
        assertThat(xml).isNotNull();
        return DMN.parseDecision("case-finding-eligibility", xml);
    }

    /** A living 70-year-old off the pathway, never listed, with no LTCs, frailty or hospital use: eligible for nothing. */
    private static Builder patient() {
        return new Builder();
    }

    private static final class Builder {
        int age = 70;
        boolean deceased;
        boolean activeEpisode;
        boolean awaitingReview;
        Integer monthsSinceExclusion;
        int ltcCount;
        String frailty;
        int admissions;
        Integer daysSinceDischarge;

        Builder age(int value) {
            age = value;
            return this;
        }

        Builder ltcs(int value) {
            ltcCount = value;
            return this;
        }

        Builder frailty(String value) {
            frailty = value;
            return this;
        }

        Builder admissions(int value) {
            admissions = value;
            return this;
        }

        Builder dischargedDaysAgo(Integer value) {
            daysSinceDischarge = value;
            return this;
        }

        Builder deceased() {
            deceased = true;
            return this;
        }

        Builder onPathway() {
            activeEpisode = true;
            return this;
        }

        Builder awaitingReview() {
            awaitingReview = true;
            return this;
        }

        Builder excludedMonthsAgo(int value) {
            monthsSinceExclusion = value;
            return this;
        }

        List<String> include() {
            return outcomes("include");
        }

        List<String> exclude() {
            return outcomes("exclude");
        }

        boolean eligible() {
            return !include().isEmpty() && exclude().isEmpty();
        }

        private List<String> outcomes(String outcome) {
            EligibilityInputs inputs = new EligibilityInputs(
                    age,
                    deceased,
                    activeEpisode,
                    awaitingReview,
                    monthsSinceExclusion,
                    ltcCount,
                    frailty,
                    admissions,
                    daysSinceDischarge);
            List<String> reasons = new ArrayList<>();
            for (DmnDecisionRuleResult row : DMN.evaluateDecisionTable(TABLE, inputs.variables())) {
                if (outcome.equals(row.get("outcome"))) {
                    reasons.add((String) row.get("reason"));
                }
            }
            return reasons;
        }
    }

    @Test
    void twoLongTermConditionsAreNotEnoughAndThreeAre() {
        assertThat(patient().ltcs(2).eligible()).isFalse();
        assertThat(patient().ltcs(3).include()).containsExactly("3 or more long-term conditions");
        assertThat(patient().ltcs(3).eligible()).isTrue();
    }

    @Test
    void adultsFrom18() {
        assertThat(patient().age(17).ltcs(5).exclude()).containsExactly("Under 18");
        assertThat(patient().age(17).ltcs(5).eligible()).isFalse();
        assertThat(patient().age(18).ltcs(3).eligible()).isTrue();
    }

    @Test
    void deceasedPatientsAreExcludedWhateverTheirNeeds() {
        assertThat(patient().ltcs(6).frailty("severe").deceased().eligible()).isFalse();
        assertThat(patient().ltcs(6).deceased().exclude()).containsExactly("Deceased");
    }

    @Test
    void patientsOnThePathwayOrAwaitingReviewAreNotListedAgain() {
        assertThat(patient().ltcs(4).onPathway().exclude()).containsExactly("Already on the coordinated-care pathway");
        assertThat(patient().ltcs(4).awaitingReview().exclude())
                .containsExactly("Already on a case-finding list awaiting review");
        assertThat(patient().ltcs(4).onPathway().eligible()).isFalse();
    }

    @ParameterizedTest(name = "excluded {0} months ago -> eligible {1}")
    @CsvSource({"0, false", "11, false", "12, true", "30, true"})
    void aClinicianExclusionHoldsForTwelveMonths(int months, boolean eligible) {
        assertThat(patient().ltcs(4).excludedMonthsAgo(months).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "frailty {0} -> eligible {1}")
    @CsvSource(
            value = {"fit, false", "mild, false", "moderate, true", "severe, true", "NULL, false"},
            nullValues = "NULL")
    void moderateOrSevereFrailtyIsEnoughOnItsOwn(String frailty, boolean eligible) {
        assertThat(patient().ltcs(0).frailty(frailty).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "{0} unplanned admissions -> eligible {1}")
    @CsvSource({"0, false", "1, false", "2, true", "5, true"})
    void twoUnplannedAdmissionsInTwelveMonths(int admissions, boolean eligible) {
        assertThat(patient().admissions(admissions).eligible()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "discharged {0} days ago with {1} LTCs -> eligible {2}")
    @CsvSource(
            value = {"0, 2, true", "30, 2, true", "31, 2, false", "10, 1, false", "NULL, 2, false"},
            nullValues = "NULL")
    void aRecentDischargeWithTwoLongTermConditions(Integer days, int ltcs, boolean eligible) {
        assertThat(patient().ltcs(ltcs).dischargedDaysAgo(days).eligible()).isEqualTo(eligible);
    }

    @Test
    void everyReasonThatAppliesIsGiven() {
        assertThat(patient()
                        .ltcs(4)
                        .frailty("severe")
                        .admissions(3)
                        .dischargedDaysAgo(5)
                        .include())
                .containsExactlyInAnyOrder(
                        "3 or more long-term conditions",
                        "Moderate or severe frailty",
                        "2 or more unplanned admissions in 12 months",
                        "Hospital discharge in the last 30 days with 2 or more long-term conditions");
    }

    @Test
    void nothingAppliesToAHealthyAdult() {
        assertThat(patient().include()).isEmpty();
        assertThat(patient().exclude()).isEmpty();
    }
}
