package org.coordinatedcare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision tables in processes/, evaluated as the engine evaluates them, row by row where it matters. */
class DecisionTablesTest {

    private static final DmnEngine DMN =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    private static DmnDecision decision(String file, String id) {
        InputStream xml = DecisionTablesTest.class.getResourceAsStream("/" + file);
        assertThat(xml).as(file + " on the classpath").isNotNull();
        return DMN.parseDecision(id, xml);
    }

    @Nested
    class SelfManagementReferral {

        private final DmnDecision table = decision("self-management-referral.dmn", "self-management-referral");

        private List<Object> suggest(
                boolean social, boolean lowMood, String confidence, boolean lifestyle, boolean budget) {
            VariableMap inputs = Variables.createVariables()
                    .putValue("hasSocialNeeds", social)
                    .putValue("lowMood", lowMood)
                    .putValue("selfManagementConfidence", confidence)
                    .putValue("wantsLifestyleSupport", lifestyle)
                    .putValue("healthBudgetEligible", budget);
            return DMN.evaluateDecisionTable(table, inputs).collectEntries("referralType");
        }

        @Test
        void suggestsNothingForAConfidentPersonWithoutNeeds() {
            assertThat(suggest(false, false, "high", false, false)).isEmpty();
        }

        @Test
        void suggestsSocialPrescribingForSocialNeeds() {
            assertThat(suggest(true, false, "high", false, false)).containsExactly("SOCIAL_PRESCRIBING");
        }

        @Test
        void suggestsTalkingTherapiesForLowMood() {
            assertThat(suggest(false, true, "high", false, false)).containsExactly("TALKING_THERAPIES");
        }

        @Test
        void suggestsCoachingAndACourseForLowConfidenceAndOnlyACourseForMedium() {
            assertThat(suggest(false, false, "low", false, false))
                    .containsExactlyInAnyOrder("HEALTH_COACHING", "SELF_MANAGEMENT_COURSE");
            assertThat(suggest(false, false, "medium", false, false)).containsExactly("SELF_MANAGEMENT_COURSE");
        }

        @Test
        void suggestsCoachingForLifestyleSupportAndABudgetWhenEligible() {
            assertThat(suggest(false, false, "high", true, false)).containsExactly("HEALTH_COACHING");
            assertThat(suggest(false, false, "high", false, true)).containsExactly("PERSONAL_HEALTH_BUDGET");
        }
    }

    @Nested
    class MdtReviewInterval {

        private final DmnDecision table = decision("mdt-review-interval.dmn", "mdt-review-interval");

        @ParameterizedTest(name = "needs {0}, coordinator {1}, {2} LTCs -> {3}")
        @CsvSource({
            "rising,   false, 3, P4W",
            "rising,   true,  6, P4W",
            "stable,   true,  3, P6W",
            "unknown,  false, 5, P8W",
            "improving,false, 4, P12W",
            "unknown,  false, 3, P12W"
        })
        void reviewsSoonerWhenNeedsRiseOrCareIsComplex(
                String needTrend, boolean coordinator, int ltcs, String interval) {
            Map<String, Object> result = DMN.evaluateDecisionTable(
                            table,
                            Variables.createVariables()
                                    .putValue("needTrend", needTrend)
                                    .putValue("hasCoordinator", coordinator)
                                    .putValue("ltcCount", ltcs))
                    .getSingleResult()
                    .getEntryMap();
            assertThat(result.get("mdtReviewInterval")).isEqualTo(interval);
        }
    }

    @Nested
    class CoordinatorTrigger {

        private final DmnDecision table = decision("coordinator-trigger.dmn", "coordinator-trigger");

        private Object trigger(
                boolean coordinator,
                int agencies,
                boolean longIntervention,
                String needTrend,
                int admissions,
                boolean discharged) {
            return trigger(coordinator, agencies, longIntervention, needTrend, admissions, discharged, false);
        }

        private Object trigger(
                boolean coordinator,
                int agencies,
                boolean longIntervention,
                String needTrend,
                int admissions,
                boolean discharged,
                boolean requestedByMeeting) {
            VariableMap inputs = Variables.createVariables()
                    .putValue("hasCoordinator", coordinator)
                    .putValue("agenciesInvolved", agencies)
                    .putValue("longInterventionExpected", longIntervention)
                    .putValue("needTrend", needTrend)
                    .putValue("unplannedAdmissions12m", admissions)
                    .putValue("dischargedRecently", discharged)
                    .putValue("coordinatorRequested", requestedByMeeting);
            var result = DMN.evaluateDecisionTable(table, inputs);
            return result.isEmpty() ? null : result.getSingleResult().getSingleEntry();
        }

        @ParameterizedTest(name = "{0} agencies, long {1}, need {2}, {3} admissions, discharged {4} -> {5}")
        @CsvSource({
            "3, false, stable, 0, false, MANY_AGENCIES",
            "2, true,  stable, 0, false, LONG_INTERVENTION",
            "2, false, rising, 0, false, RISING_NEED",
            "2, false, stable, 3, false, FREQUENT_UNPLANNED_ADMISSIONS",
            "2, false, stable, 0, true,  HOSPITAL_DISCHARGE"
        })
        void firesOnEachTriggerEvent(
                int agencies,
                boolean longIntervention,
                String need,
                int admissions,
                boolean discharged,
                String expected) {
            assertThat(trigger(false, agencies, longIntervention, need, admissions, discharged))
                    .isEqualTo(expected);
        }

        @Test
        void staysQuietBelowEveryThreshold() {
            assertThat(trigger(false, 2, false, "stable", 2, false)).isNull();
            assertThat(trigger(false, 1, false, "improving", 0, false)).isNull();
        }

        @Test
        void staysQuietWhileACoordinatorIsInPost() {
            assertThat(trigger(true, 5, true, "rising", 4, true)).isNull();
            assertThat(trigger(true, 1, false, "stable", 0, false, true)).isNull();
        }

        @Test
        void decidesForAReviewStartedBeforeTheMeetingColumnExisted() {
            // an mdt-review instance already running at deployment sets no coordinatorRequested
            VariableMap inputs = Variables.createVariables()
                    .putValue("hasCoordinator", false)
                    .putValue("agenciesInvolved", 3)
                    .putValue("longInterventionExpected", false)
                    .putValue("needTrend", "stable")
                    .putValue("unplannedAdmissions12m", 0)
                    .putValue("dischargedRecently", false);
            Object trigger =
                    DMN.evaluateDecisionTable(table, inputs).getSingleResult().getSingleEntry();
            assertThat(trigger).isEqualTo("MANY_AGENCIES");
        }

        @Test
        void firesWhenANeighbourhoodMeetingAsksForACoordinator() {
            assertThat(trigger(false, 1, false, "improving", 0, false, true)).isEqualTo("MDT_MEETING_REQUESTED");
        }
    }
}
