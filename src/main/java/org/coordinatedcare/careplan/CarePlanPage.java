package org.coordinatedcare.careplan;

import static org.coordinatedcare.document.PatientDocuments.date;
import static org.coordinatedcare.document.PatientDocuments.escape;
import static org.coordinatedcare.document.PatientDocuments.paragraphs;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.coordinatedcare.careplan.CarePlanContacts.Contacts;
import org.coordinatedcare.document.DocumentKind;
import org.coordinatedcare.document.PatientDocument;
import org.coordinatedcare.document.PatientDocuments;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.Practice;

/**
 * "My care and support plan": the stored plan version in plain English, in the person's own voice, under the PRSB
 * personalised care and support plan headings (what matters to me, my goals, what I will do, what others will do and
 * when, who to contact, when we will review it). Rendered here because its layout is the plan's; what people typed is
 * escaped.
 */
final class CarePlanPage {

    static final String WHAT_MATTERS = "What matters to me";
    static final String MY_GOALS = "My goals";
    static final String WHAT_I_WILL_DO = "What I will do";
    static final String WHAT_OTHERS_WILL_DO = "What others will do and when";
    static final String WHO_TO_CONTACT = "Who to contact";
    static final String REVIEW = "When we will review my plan";

    /** The headings in the order the plan shows them. */
    static final List<String> HEADINGS =
            List.of(WHAT_MATTERS, MY_GOALS, WHAT_I_WILL_DO, WHAT_OTHERS_WILL_DO, WHO_TO_CONTACT, REVIEW);

    /**
     * Who an action is for is free text on the meeting's form; these words (or the person's own name) mean the
     * person does it themselves.
     */
    private static final Set<String> THE_PERSON =
            Set.of("patient", "the patient", "me", "myself", "i", "self", "person", "the person");

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private CarePlanPage() {}

    static PatientDocument write(PatientDocuments documents, CarePlan plan, Contacts contacts) {
        return documents.write(
                plan.episodeId(),
                DocumentKind.CARE_PLAN,
                "My care and support plan, version " + plan.version(),
                (patient, practice) -> body(patient, practice, plan, contacts));
    }

    private static String body(Patient patient, Practice practice, CarePlan plan, Contacts contacts) {
        List<CarePlanAction> mine =
                plan.actions().stream().filter(a -> isForThePerson(a, patient)).toList();
        List<CarePlanAction> others =
                plan.actions().stream().filter(a -> !isForThePerson(a, patient)).toList();
        String shared =
                plan.shares().stream().map(s -> s.recipient().label()).sorted().collect(Collectors.joining(", "));
        return """
                <p>This plan belongs to <strong>%s</strong>. I made it with my care team on %s. It is version %d of my \
                plan.</p>
                <h2>%s</h2>
                <p>%s</p>
                <h2>%s</h2>
                <p>%s</p>
                <h2>%s</h2>
                %s
                <h2>%s</h2>
                %s
                <h2>%s</h2>
                <ul>
                %s<li>My GP practice: <strong>%s</strong></li>
                </ul>
                <h2>%s</h2>
                <p>We will look at my plan again together by <strong>%s</strong>. I can ask for a review sooner if \
                things change.</p>
                <h2>Who can see my plan</h2>
                <p>%s</p>
                """.formatted(
                escape(patient.displayName()),
                date(plan.createdAt().atZone(UK).toLocalDate()),
                plan.version(),
                WHAT_MATTERS,
                paragraphs(plan.whatMattersToMe()),
                MY_GOALS,
                paragraphs(plan.goals()),
                WHAT_I_WILL_DO,
                mine.isEmpty()
                        ? "<p>We did not agree anything for me to do this time.</p>"
                        : list(
                                mine,
                                a -> "<li><strong>%s</strong><br />By %s</li>"
                                        .formatted(escape(a.description()), date(a.dueDate()))),
                WHAT_OTHERS_WILL_DO,
                others.isEmpty()
                        ? "<p>We did not agree anything for others to do this time.</p>"
                        : list(
                                others,
                                a -> "<li><strong>%s</strong><br />Who: %s<br />By %s</li>"
                                        .formatted(escape(a.description()), escape(a.owner()), date(a.dueDate()))),
                WHO_TO_CONTACT,
                contacts(contacts),
                escape(practice.name()),
                REVIEW,
                date(plan.reviewDate()),
                shared.isEmpty() ? "Only my care team." : "I agreed to share it with: " + escape(shared) + ".");
    }

    private static String contacts(Contacts contacts) {
        return contacts.namedProfessional()
                        .map(name -> "<li>My named professional, who looks after my care and makes sure it joins up: "
                                + "<strong>" + escape(name) + "</strong></li>\n")
                        .orElse("")
                + contacts.careCoordinator()
                        .map(name -> "<li>My care coordinator: <strong>" + escape(name) + "</strong></li>\n")
                        .orElse("");
    }

    private static String list(List<CarePlanAction> actions, Function<CarePlanAction, String> item) {
        return actions.stream().map(item).collect(Collectors.joining("\n", "<ul>\n", "\n</ul>"));
    }

    static boolean isForThePerson(CarePlanAction action, Patient patient) {
        String owner = action.owner().strip().toLowerCase(Locale.UK);
        return THE_PERSON.contains(owner)
                || owner.equals(patient.displayName().toLowerCase(Locale.UK))
                || (patient.givenName() != null
                        && owner.equals(patient.givenName().toLowerCase(Locale.UK)));
    }
}
