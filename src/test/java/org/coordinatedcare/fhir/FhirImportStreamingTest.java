package org.coordinatedcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.coordinatedcare.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A generated NDJSON file of 20,000 resources, in the worst order (conditions before their patients, the practice
 * last), streamed from disk into the importer: nothing in the test or the importer holds the file in memory.
 */
@EngineTest
class FhirImportStreamingTest {

    private static final int PATIENTS = 4_000;
    private static final int CONDITIONS_EACH = 4;

    @Autowired
    FhirImporter importer;

    @TempDir
    Path folder;

    @Test
    void importsTwentyThousandResourcesInAnyOrderStreamedFromAFile() throws Exception {
        String id = Fhir.unique("bulk");
        Path file = folder.resolve("bulk.ndjson");
        String[] nhs = new String[PATIENTS];
        for (int p = 0; p < PATIENTS; p++) {
            nhs[p] = Fhir.nhsNumber();
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int p = 0; p < PATIENTS; p++) {
                for (int c = 0; c < CONDITIONS_EACH; c++) {
                    String subject = c % 2 == 0 ? Fhir.ref("Patient/" + id + p) : Fhir.nhsRef(nhs[p]);
                    out.write(Fhir.condition(
                            id + p + "-" + c,
                            subject,
                            c == 0 ? "38341003" : c == 1 ? "44054006" : c == 2 ? "13645005" : "84114007"));
                    out.newLine();
                }
            }
            for (int p = 0; p < PATIENTS; p++) {
                out.write(Fhir.patient(id + p, nhs[p], Fhir.odsRef("S0001")));
                out.newLine();
            }
            out.write(Fhir.organization(id + "org", "S0001", "Streaming Surgery"));
            out.newLine();
        }

        ImportReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = importer.importNdjson(in);
        }

        assertThat(report.getRejections()).isEmpty();
        assertThat(report.counts("Patient").created).isEqualTo(PATIENTS);
        assertThat(report.counts("Condition").created).isEqualTo(PATIENTS * CONDITIONS_EACH);
        assertThat(report.processed()).isEqualTo(1 + PATIENTS + PATIENTS * CONDITIONS_EACH);
    }

    @Test
    void thousandsOfEntriesWithoutAnIdAreAllCountedAndTheGoodOnesAfterThemStillImported() throws Exception {
        String id = Fhir.unique("noid");
        int withoutId = FhirImporter.BATCH * 2 + 1; // more than a batch of rejections in a row
        Path file = folder.resolve("noid.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Fhir.organization(id + "org", "S0002", "No Id Surgery"));
            out.newLine();
            out.write(Fhir.patient(id + "p", Fhir.nhsNumber(), Fhir.odsRef("S0002")));
            out.newLine();
            for (int c = 0; c < withoutId; c++) {
                out.write(Fhir.condition(null, Fhir.ref("Patient/" + id + "p"), "38341003"));
                out.newLine();
            }
            out.write(Fhir.condition(id + "c", Fhir.ref("Patient/" + id + "p"), "44054006"));
            out.newLine();
        }

        ImportReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = importer.importNdjson(in);
        }

        assertThat(report.counts("Condition").rejected).isEqualTo(withoutId);
        assertThat(report.getRejectionCount()).isEqualTo(withoutId);
        assertThat(report.getRejections())
                .hasSize(ImportReport.LISTED_REJECTIONS)
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo("Condition has no id"));
        assertThat(report.counts("Condition").created).isEqualTo(1);
    }
}
