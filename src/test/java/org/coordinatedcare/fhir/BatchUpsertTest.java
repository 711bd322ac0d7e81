package org.coordinatedcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/** The one-statement insert of a batch: its SQL and the arrays it is given; no database needed. */
class BatchUpsertTest {

    @Test
    void aBatchIsInsertedByOneStatementUnnestingOneArrayPerColumn() {
        assertThat(BatchUpsert.insertAll("encounter", "fhir_id varchar", "patient_id bigint", "occurred_on date"))
                .isEqualTo(
                        "insert into encounter (fhir_id, patient_id, occurred_on) select * from unnest(cast(:fhirId as varchar array), "
                                + "cast(:patientId as bigint array), cast(:occurredOn as date array))");
    }

    @Test
    void numbersTravelAsNumbersAndDatesAsIsoText() {
        SqlParameterSource columns = BatchUpsert.columns(List.of(
                new EncounterRows.EncounterValues("e1", 1L, "AE_ATTENDANCE", LocalDate.of(2026, 3, 1)),
                new EncounterRows.EncounterValues("e2", 2L, "HOSPITAL_DISCHARGE", null)));

        assertThat((Object[]) columns.getValue("fhirId")).containsExactly("e1", "e2");
        assertThat((Object[]) columns.getValue("patientId"))
                .isInstanceOf(Long[].class)
                .containsExactly(1L, 2L);
        assertThat((Object[]) columns.getValue("occurredOn"))
                .isInstanceOf(String[].class)
                .containsExactly("2026-03-01", null);
    }
}
