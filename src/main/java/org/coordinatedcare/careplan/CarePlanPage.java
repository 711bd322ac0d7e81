package org.coordinatedcare.careplan;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.stream.Collectors;

import org.coordinatedcare.document.DocumentKind;
import org.coordinatedcare.document.PatientDocument;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.patient.Patient;

/**
 * The printable care and support plan. Its layout follows the plan's own structure, so it is rendered here and handed
 * to the patient's documents as a page body; what people typed is escaped.
 */
final class CarePlanPage {

    private CarePlanPage() {}

    static PatientDocument write(PatientDocuments documents, CarePlan plan) {
        return documents.write(
                plan.episodeId(),
                DocumentKind.CARE_PLAN,
                "Care and support plan, version " + plan.version(),
                patient -> body(patient, plan));
    }

    private static String body(Patient patient, CarePlan plan) {
        String actions = plan.actions().stream()
                .map(a -> "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
                        .formatted(
                                htmlEscape(a.description()), htmlEscape(a.owner()), PatientDocuments.date(a.dueDate())))
                .collect(Collectors.joining("\n"));
        String shared =
                plan.shares().stream().map(s -> s.recipient().label()).sorted().collect(Collectors.joining(", "));
        return """
                <p>Care and support plan for <strong>%s</strong>, version %d</p>
                <h2>What matters to me</h2><p>%s</p>
                <h2>My goals</h2><p>%s</p>
                <h2>Actions</h2>
                <table><tr><th>What</th><th>Who</th><th>By when</th></tr>
                %s
                </table>
                <p>Review date: %s</p>
                <p>Shared with: %s</p>
                """.formatted(
                        htmlEscape(patient.displayName()),
                        plan.version(),
                        PatientDocuments.paragraphs(plan.whatMattersToMe()),
                        PatientDocuments.paragraphs(plan.goals()),
                        actions,
                        PatientDocuments.date(plan.reviewDate()),
                        htmlEscape(shared));
    }
}
