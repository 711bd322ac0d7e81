package org.coordinatedcare.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.form.FormInputException;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a form lets a clinician enter, the server accepts, and the first value past the form's limit the server
 * refuses too: a clinician never fills in a form only to be told off after pressing Complete.
 */
class FormLimitsTest extends PathwayTestSupport {

    @Autowired
    JdbcClient jdbc;

    private static JsonNode validate(String formId, String key) throws IOException {
        JsonNode form =
                new ObjectMapper().readTree(Path.of("forms", formId + ".form").toFile());
        for (JsonNode component : form.path("components")) {
            if (key.equals(component.path("key").asText())) {
                return component.path("validate");
            }
        }
        throw new AssertionError(key + " is not a field of " + formId);
    }

    @Test
    void theMdtReviewAcceptsWhatItsFormAllowsAndRefusesOneStepBeyond() throws IOException {
        int fewestAgencies = validate(FormAnswers.HOLD_MDT_REVIEW, "agenciesInvolved")
                .path("min")
                .asInt();
        int longestAttendees = validate(FormAnswers.HOLD_MDT_REVIEW, "attendees")
                .path("maxLength")
                .asInt();
        Patient patient = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);

        assertThatThrownBy(() -> complete(
                        patient,
                        MdtReview.HOLD_MDT_REVIEW,
                        FormAnswers.with(FormAnswers.HOLD_MDT_REVIEW, "agenciesInvolved", fewestAgencies - 1)))
                .hasRootCauseInstanceOf(FormInputException.class);
        assertThatThrownBy(() -> complete(
                        patient,
                        MdtReview.HOLD_MDT_REVIEW,
                        FormAnswers.with(FormAnswers.HOLD_MDT_REVIEW, "attendees", "x".repeat(longestAttendees + 1))))
                .hasRootCauseInstanceOf(FormInputException.class);

        Map<String, Object> atTheLimits = FormAnswers.with(
                FormAnswers.HOLD_MDT_REVIEW,
                "agenciesInvolved",
                fewestAgencies,
                "attendees",
                "x".repeat(longestAttendees));
        complete(patient, MdtReview.HOLD_MDT_REVIEW, atTheLimits);

        assertThat(jdbc.sql("select attendees from mdt_review where agencies_involved = ? and length(attendees) = ?")
                        .params(fewestAgencies, longestAttendees)
                        .query(String.class)
                        .list())
                .hasSize(1);
    }
}
