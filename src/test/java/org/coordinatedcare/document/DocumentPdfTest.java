package org.coordinatedcare.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * "My care and support plan" and the letters as PDF, through the API as the team and another practice meet it: the
 * text a reader (or screen reader) gets out of the PDF, its accessibility marks, and who may fetch it. Run with
 * {@code -Ddocs.images=docs/images} to refresh the README's picture of the plan's first page.
 */
class DocumentPdfTest extends LiveServerTestSupport {

    private static final String TYPED = "<b>Walk</b> & \"talk\" with Zoë's dog";

    @Autowired
    private PatientDocumentRepository documents;

    /** Bytes of an answer, for the PDF; status and headers too. */
    private record Download(int status, String contentType, String disposition, byte[] body) {}

    private Download download(String user, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Download(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Content-Disposition").orElse(null),
                response.body());
    }

    /**
     * A Borough patient, Margaret Okafor, whose plan (version 1) was agreed and shared, with what matters as typed by
     * the team; two actions are hers (by her name and by "me"), one the nurse's.
     */
    private Patient withSharedPlan() {
        Patient at = atCarePlanningMeeting();
        Patient patient = patients.save(new Patient(
                at.id(), at.nhsNumber(), "Margaret", "Okafor", at.birthDate(), at.practiceId(), false, at.fhirId()));
        Map<String, Object> answers = FormAnswers.with(
                FormAnswers.CARE_PLANNING_MEETING,
                "whatMattersToMe",
                "Walking to church on Sundays\n" + TYPED,
                "goals",
                "Walk 20 minutes a day with Σοφία",
                "action1",
                "Book pulmonary rehabilitation",
                "actionOwner1",
                "Practice nurse",
                "actionDue1",
                "2027-01-15",
                "action2",
                "Join the walking group",
                "actionOwner2",
                "Margaret",
                "actionDue2",
                "2027-02-01",
                "action3",
                "Use my inhaler every morning",
                "actionOwner3",
                "me",
                "actionDue3",
                "2027-01-01",
                "reviewDate",
                "2027-06-30");
        complete(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, answers); // runs the sharing job too
        return patient;
    }

    private JsonNode documentOf(Patient patient, String kind) {
        Reply list = get("drpatel", "/api/patients/" + patient.fhirId() + "/documents");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (JsonNode document : list.json()) {
            if (document.path("kind").asText().equals(kind)) {
                return document;
            }
        }
        throw new AssertionError("No " + kind + " in " + list);
    }

    private static String text(PDDocument pdf) throws IOException {
        // in reading order (bold runs are drawn after their line), and lines wrap where the page ends: single spaces
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        return stripper.getText(pdf).replaceAll("\\s+", " ");
    }

    @Test
    void myCareAndSupportPlanReadsEveryHeadingAndThePlanAsTyped() throws Exception {
        Patient patient = withSharedPlan();
        JsonNode plan = documentOf(patient, "CARE_PLAN");
        assertThat(plan.path("title").asText()).isEqualTo("My care and support plan, version 1");
        assertThat(plan.path("href").asText())
                .isEqualTo("/api/documents/" + plan.path("id").asLong());
        assertThat(plan.path("pdfHref").asText()).isEqualTo(plan.path("href").asText() + "/pdf");
        assertThat(plan.path("createdAt").asText()).isNotBlank();

        Download download = download("drpatel", plan.path("pdfHref").asText());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/pdf");
        assertThat(download.disposition()).isEqualTo("inline; filename=\"my-care-and-support-plan-version-1.pdf\"");
        try (PDDocument pdf = Loader.loadPDF(download.body())) {
            String text = text(pdf);
            assertThat(text)
                    .containsSubsequence(
                            "My care and support plan, version 1",
                            "What matters to me",
                            "My goals",
                            "What I will do",
                            "What others will do and when",
                            "Who to contact",
                            "When we will review my plan")
                    .contains(patient.displayName())
                    .contains("Walking to church on Sundays", TYPED, "Walk 20 minutes a day with Σοφία")
                    .contains("Join the walking group By 1 February 2027")
                    .contains("Use my inhaler every morning By 1 January 2027")
                    .contains("Book pulmonary rehabilitation Who: Practice nurse By 15 January 2027")
                    .contains("My named professional", "Dr Ravi Patel")
                    .contains("My GP practice: Borough Medical Practice")
                    .contains("by 30 June 2027");
            // the person's own action is under "What I will do", the nurse's under "What others will do"
            assertThat(text.indexOf("Join the walking group"))
                    .isBetween(text.indexOf("What I will do"), text.indexOf("What others will do and when"));
            assertThat(text.indexOf("Use my inhaler every morning"))
                    .isBetween(text.indexOf("What I will do"), text.indexOf("What others will do and when"));
            assertThat(text.indexOf("Book pulmonary rehabilitation"))
                    .isBetween(text.indexOf("What others will do and when"), text.indexOf("Who to contact"));

            // accessibility: tagged, titled, in English, fonts embedded
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("My care and support plan, version 1");
            assertThat(pdf.getDocumentCatalog().getViewerPreferences().displayDocTitle())
                    .isTrue();
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
            for (var name : pdf.getPage(0).getResources().getFontNames()) {
                var font = pdf.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                // Greek is beyond Atkinson Hyperlegible: its letters come from the fallback, embedded too
                assertThat(font.getName()).containsAnyOf("AtkinsonHyperlegible", "LiberationSans");
            }

            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 96);
            Path png = Path.of("target", "care-plan-page-1.png");
            ImageIO.write(page, "png", png.toFile());
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).as("A4").isCloseTo(595.3f, within(1f));
            assertThat(pdf.getPage(0).getMediaBox().getHeight()).as("A4").isCloseTo(841.9f, within(1f));
            String docsImages = System.getProperty("docs.images");
            if (docsImages != null) {
                Files.copy(
                        png,
                        Path.of(docsImages, "my-care-and-support-plan.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void theStoredPlanIsWellFormedXhtmlShowingWhatWasTypedAsText() throws Exception {
        Patient patient = withSharedPlan();
        long id = documentOf(patient, "CARE_PLAN").path("id").asLong();
        String page = documents.findById(id).orElseThrow().content();

        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        var xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));

        assertThat(xml.getDocumentElement().getTextContent()).contains(TYPED);
        assertThat(page).doesNotContain("<b>Walk</b>", "&eacute;", "&euml;");
    }

    @Test
    void lettersArePdfsToo() throws Exception {
        Patient patient = atCarePlanningMeeting(); // the invitation letter went out when drpatel was named
        JsonNode letter = documentOf(patient, "INVITATION_LETTER");

        Download download = download("drpatel", letter.path("pdfHref").asText());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.disposition())
                .isEqualTo("inline; filename=\"your-invitation-to-a-care-planning-conversation.pdf\"");
        try (PDDocument pdf = Loader.loadPDF(download.body())) {
            assertThat(text(pdf))
                    .contains("Your invitation to a care planning conversation", "Dear " + patient.displayName())
                    .contains("Dr Ravi Patel", "Borough Medical Practice");
        }
    }

    @Test
    void aDocumentStoredBeforeItWasXhtmlStillPrints() throws Exception {
        Patient patient = withSharedPlan();
        // the page as documents were stored before ADR 0022: HTML5 void elements, Spring's named references
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Care and support plan, version 1</title>
                <style>body{font-family:Arial,sans-serif}</style></head>
                <body><header><strong>Borough</strong><br>Central neighbourhood</header>
                <h1>Care and support plan, version 1</h1>
                <p>What matters: Zo&euml;&#39;s garden &amp; &lt;b&gt;tea&lt;/b&gt;<br>and the church
                <table><tr><th>What</th><td>Walk</table>
                </body></html>
                """;
        PatientDocument old = documents.save(new PatientDocument(
                null,
                patient.id(),
                null,
                DocumentKind.CARE_PLAN,
                "Care and support plan, version 1",
                page,
                Instant.now()));

        Download download = download("drpatel", old.pdfHref());

        assertThat(download.status()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(download.body())) {
            assertThat(text(pdf)).contains("What matters: Zoë's garden & <b>tea</b> and the church", "What Walk");
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
        }
    }

    @Test
    void anotherPracticesClinicianGetsNeitherThePdfNorTheList() throws Exception {
        Patient patient = withSharedPlan();
        String pdf = documentOf(patient, "CARE_PLAN").path("pdfHref").asText();

        Download refused = download("drwright", pdf);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        String problem = new String(refused.body(), StandardCharsets.UTF_8);
        assertThat(problem).contains("\"field\":\"documentId\"").doesNotContain(patient.familyName(), "Walking");

        for (String reference : new String[] {patient.fhirId(), "nobody-" + LocalDate.now()}) {
            Reply list = get("drwright", "/api/patients/" + reference + "/documents");
            assertThat(list.status()).as("unknown and foreign alike: " + list).isEqualTo(403);
            assertThat(list.contentType()).isEqualTo("application/problem+json");
            assertThat(list.json().path("field").asText()).isEqualTo("patientId");
            assertThat(list.text()).doesNotContain(patient.familyName(), "CARE_PLAN");
        }
        assertThat(download("manager", pdf).status())
                .as("managers read every practice")
                .isEqualTo(200);
    }

    @Test
    void unknownDocumentsAndPatientsAreNotFoundAsProblemJson() {
        Reply pdf = get("drpatel", "/api/documents/987654321/pdf");
        assertThat(pdf.status()).isEqualTo(404);
        assertThat(pdf.contentType()).isEqualTo("application/problem+json");
        assertThat(pdf.json().path("field").asText()).isEqualTo("documentId");

        Reply list = get("manager", "/api/patients/nobody-at-all/documents");
        assertThat(list.status()).isEqualTo(404);
        assertThat(list.json().path("field").asText()).isEqualTo("patientId");

        Reply malformed = get("drpatel", "/api/patients/not%20an%20id/documents");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("field").asText()).isEqualTo("patientId");
    }
}
