package org.coordinatedcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** How a Patient's generalPractitioner finds its practice and GP, from the import's lookups; no database needed. */
class ReferencesTest {

    private static RegisterWriter.Context context(
            Spool spool,
            Map<String, Long> practiceByFhirId,
            Map<String, Long> practiceByOds,
            Map<String, Long> practitionerByFhirId) {
        RegisterWriter.Context context = new RegisterWriter.Context(spool);
        context.practiceByFhirId = practiceByFhirId;
        context.practiceByOds = practiceByOds;
        context.practitionerByFhirId = practitionerByFhirId;
        return context;
    }

    @Test
    void aPracticeUnknownByFhirIdIsFoundByItsOdsCode() throws Exception {
        Patient patient = new Patient()
                .addGeneralPractitioner(new Reference("Organization/elsewhere")
                        .setIdentifier(
                                new Identifier().setSystem(FhirValues.ODS_CODE).setValue(" A10001 ")));

        try (Spool spool = new Spool()) {
            assertThat(References.generalPractice(patient, context(spool, Map.of(), Map.of("A10001", 7L), Map.of())))
                    .isEqualTo(new References.GeneralPractice(7L, null));
        }
    }

    @Test
    void aGpNamedByTheUrnOfABundleEntryIsThatEntrysPractitioner() throws Exception {
        Patient patient = new Patient()
                .addGeneralPractitioner(new Reference("urn:uuid:9d1c"))
                .addGeneralPractitioner(new Reference("Organization/o1"));

        try (Spool spool = new Spool()) {
            spool.fullUrl("urn:uuid:9d1c", "Practitioner", "p1");
            assertThat(References.generalPractice(
                            patient, context(spool, Map.of("o1", 5L), Map.of(), Map.of("p1", 3L))))
                    .isEqualTo(new References.GeneralPractice(5L, 3L));
        }
    }

    @Test
    void aPatientWhosePracticeIsNotInTheRegisterIsRejectedNamingTheReference() {
        Patient patient = new Patient().addGeneralPractitioner(new Reference("Organization/nowhere"));

        try (Spool spool = new Spool()) {
            assertThatThrownBy(() -> References.generalPractice(patient, context(spool, Map.of(), Map.of(), Map.of())))
                    .hasMessage("generalPractitioner 'Organization/nowhere' is not a practice in the register");
        }
    }
}
