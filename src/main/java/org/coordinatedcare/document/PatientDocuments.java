package org.coordinatedcare.document;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import org.coordinatedcare.careplan.CarePlan;
import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.referral.Referral;
import org.coordinatedcare.team.Professional;
import org.springframework.stereotype.Service;

/**
 * Writes the pathway's printable documents. Everything that came from a person (names, free text) is HTML-escaped,
 * so a document shows what was typed and never runs it.
 */
@Service
public class PatientDocuments {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final PatientDocumentRepository documents;
    private final EpisodeRepository episodes;
    private final PatientRepository patients;
    private final PracticeRepository practices;

    public PatientDocuments(PatientDocumentRepository documents, EpisodeRepository episodes, PatientRepository patients,
            PracticeRepository practices) {
        this.documents = documents;
        this.episodes = episodes;
        this.patients = patients;
        this.practices = practices;
    }

    public PatientDocument invitationLetter(long episodeId, Professional namedProfessional, boolean reminder) {
        Episode episode = episodes.findById(episodeId).orElseThrow();
        Patient patient = patients.findById(episode.patientId()).orElseThrow();
        Practice practice = practices.findById(patient.practiceId()).orElseThrow();
        String title = (reminder ? "Reminder: your" : "Your") + " invitation to a care planning conversation";
        String body = """
                <p>Dear %s,</p>
                %s
                <p>You are living with several long-term conditions, and we would like to work with you on a plan for your care
                and support that is built around what matters to you.</p>
                <p>Your named professional, <strong>%s</strong>, will look after your care and make sure it joins up. We invite you
                to a care planning conversation with them. Beforehand, we will talk with you about your physical, emotional and
                social needs. Please bring anyone you would like to support you, such as a family member or carer.</p>
                <p>Please contact %s to arrange a time that suits you.</p>
                <p>Yours sincerely,<br>%s</p>
                """.formatted(htmlEscape(patient.displayName()),
                reminder ? "<p>We wrote to you recently and have not yet heard from you.</p>" : "",
                htmlEscape(namedProfessional.displayName()), htmlEscape(practice.name()), htmlEscape(practice.name()));
        return store(patient, episodeId, reminder ? DocumentKind.REMINDER_LETTER : DocumentKind.INVITATION_LETTER, title,
                practice, body);
    }

    public PatientDocument referralLetter(Referral referral) {
        Episode episode = episodes.findById(referral.episodeId()).orElseThrow();
        Patient patient = patients.findById(episode.patientId()).orElseThrow();
        Practice practice = practices.findById(patient.practiceId()).orElseThrow();
        String body = """
                <p>Referral to: <strong>%s</strong></p>
                <p>Patient: %s, born %s%s</p>
                <p>This person is receiving coordinated care for multiple long-term conditions at %s. Their care and support
                plan suggested this support; they have agreed to the referral.</p>
                %s
                """.formatted(htmlEscape(referral.type().label()), htmlEscape(patient.displayName()),
                patient.birthDate().format(DATE),
                patient.nhsNumber() == null ? "" : ", NHS number " + patient.nhsNumber(),
                htmlEscape(practice.name()),
                referral.note() == null ? "" : "<p>Note: " + htmlEscape(referral.note()) + "</p>");
        return store(patient, referral.episodeId(), DocumentKind.REFERRAL_LETTER,
                "Referral: " + referral.type().label(), practice, body);
    }

    public PatientDocument carePlan(CarePlan plan) {
        Episode episode = episodes.findById(plan.episodeId()).orElseThrow();
        Patient patient = patients.findById(episode.patientId()).orElseThrow();
        Practice practice = practices.findById(patient.practiceId()).orElseThrow();
        String actions = plan.actions().stream()
                .map(a -> "<tr><td>%s</td><td>%s</td><td>%s</td></tr>".formatted(htmlEscape(a.description()),
                        htmlEscape(a.owner()), a.dueDate().format(DATE)))
                .collect(Collectors.joining("\n"));
        String shared = plan.shares().stream().map(s -> s.recipient().label()).sorted().collect(Collectors.joining(", "));
        String body = """
                <p>Care and support plan for <strong>%s</strong>, version %d</p>
                <h2>What matters to me</h2><p>%s</p>
                <h2>My goals</h2><p>%s</p>
                <h2>Actions</h2>
                <table><tr><th>What</th><th>Who</th><th>By when</th></tr>
                %s
                </table>
                <p>Review date: %s</p>
                <p>Shared with: %s</p>
                """.formatted(htmlEscape(patient.displayName()), plan.version(), paragraphs(plan.whatMattersToMe()),
                paragraphs(plan.goals()), actions, plan.reviewDate().format(DATE), htmlEscape(shared));
        return store(patient, plan.episodeId(), DocumentKind.CARE_PLAN,
                "Care and support plan, version " + plan.version(), practice, body);
    }

    private PatientDocument store(Patient patient, Long episodeId, DocumentKind kind, String title, Practice practice,
            String body) {
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:Arial,sans-serif;max-width:42em;margin:2em auto;line-height:1.5}
                table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}
                @media print{body{margin:0}}</style></head>
                <body><header><strong>%s</strong><br>%s neighbourhood<br>%s</header>
                <h1>%s</h1>
                %s
                </body></html>
                """.formatted(htmlEscape(title), htmlEscape(practice.name()), htmlEscape(practice.neighbourhood()),
                LocalDate.now().format(DATE), htmlEscape(title), body);
        return documents.save(new PatientDocument(null, patient.id(), episodeId, kind, title, page, Instant.now()));
    }

    private static String paragraphs(String text) {
        return htmlEscape(text).replace("\n", "<br>");
    }
}
