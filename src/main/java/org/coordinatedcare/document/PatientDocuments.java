package org.coordinatedcare.document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BiFunction;

import org.coordinatedcare.episode.Episode;
import org.coordinatedcare.episode.EpisodeRepository;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientRepository;
import org.coordinatedcare.patient.Practice;
import org.coordinatedcare.patient.PracticeRepository;
import org.coordinatedcare.team.Professional;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the pathway's printable documents as large-print pages that are XHTML as well as HTML (ADR 0022), so a
 * browser shows them and {@link DocumentPdf} prints them. Everything that came from a person (names, free text) is
 * escaped ({@link #escape}), so a document shows what was typed and never runs it. Features hand over plain values
 * or their own page body ({@link #write}); the documents know no feature's records, so every feature may write
 * documents.
 */
@Service
public class PatientDocuments {

    /**
     * Large print for every document (16pt body and more, RNIB's clear-print guidance): one sans-serif face (the PDF
     * embeds Atkinson Hyperlegible), black on white, left aligned, generous spacing, headings that stand out.
     */
    public static final String LARGE_PRINT = "body{font-family:'Atkinson Hyperlegible',Arial,sans-serif;font-size:16pt;"
            + "line-height:1.5;color:#000;background:#fff;max-width:40em;margin:2em auto;text-align:left}"
            + "header{margin-bottom:1em}h1{font-size:26pt;line-height:1.2;margin:.6em 0}"
            + "h2{font-size:20pt;line-height:1.25;margin:1.2em 0 .4em;padding-bottom:.1em;border-bottom:2px solid #000;"
            + "page-break-after:avoid}li{page-break-inside:avoid}"
            + "p,li{margin:0 0 .6em}ul{padding-left:1.2em}table{border-collapse:collapse}"
            + "td,th{border:1px solid #000;padding:.3em .6em;text-align:left;vertical-align:top}"
            + "@page{size:A4;margin:18mm 20mm}@media print{body{margin:0;max-width:none}}";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final PatientDocumentRepository documents;
    private final EpisodeRepository episodes;
    private final PatientRepository patients;
    private final PracticeRepository practices;

    public PatientDocuments(
            PatientDocumentRepository documents,
            EpisodeRepository episodes,
            PatientRepository patients,
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
                <p>Yours sincerely,<br />%s</p>
                """.formatted(
                        escape(patient.displayName()),
                        reminder ? "<p>We wrote to you recently and have not yet heard from you.</p>" : "",
                        escape(namedProfessional.displayName()),
                        escape(practice.name()),
                        escape(practice.name()));
        return store(
                patient,
                episodeId,
                reminder ? DocumentKind.REMINDER_LETTER : DocumentKind.INVITATION_LETTER,
                title,
                practice,
                body);
    }

    /** The letter to the service the patient agreed to be referred to ({@code service} is its name). */
    public PatientDocument referralLetter(long episodeId, String service, String note) {
        Episode episode = episodes.findById(episodeId).orElseThrow();
        Patient patient = patients.findById(episode.patientId()).orElseThrow();
        Practice practice = practices.findById(patient.practiceId()).orElseThrow();
        String body = """
                <p>Referral to: <strong>%s</strong></p>
                <p>Patient: %s, born %s%s</p>
                <p>This person is receiving coordinated care for multiple long-term conditions at %s. Their care and support
                plan suggested this support; they have agreed to the referral.</p>
                %s
                """.formatted(
                        escape(service),
                        escape(patient.displayName()),
                        patient.birthDate().format(DATE),
                        patient.nhsNumber() == null ? "" : ", NHS number " + patient.nhsNumber(),
                        escape(practice.name()),
                        note == null ? "" : "<p>Note: " + escape(note) + "</p>");
        return store(patient, episodeId, DocumentKind.REFERRAL_LETTER, "Referral: " + service, practice, body);
    }

    /**
     * A document whose body the feature renders for the patient (escaping what people typed, see {@link #paragraphs}),
     * in the practice's page with its title and today's date; the body is given the patient and their practice.
     */
    public PatientDocument write(
            long episodeId, DocumentKind kind, String title, BiFunction<Patient, Practice, String> body) {
        Episode episode = episodes.findById(episodeId).orElseThrow();
        Patient patient = patients.findById(episode.patientId()).orElseThrow();
        Practice practice = practices.findById(patient.practiceId()).orElseThrow();
        return store(patient, episodeId, kind, title, practice, body.apply(patient, practice));
    }

    /** A date as documents print it. */
    public static String date(LocalDate date) {
        return date.format(DATE);
    }

    private PatientDocument store(
            Patient patient, Long episodeId, DocumentKind kind, String title, Practice practice, String body) {
        String page = """
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB" xml:lang="en-GB"><head><meta charset="utf-8" />
                <title>%s</title>
                <style>%s</style></head>
                <body><header><strong>%s</strong><br />%s neighbourhood<br />%s</header>
                <h1>%s</h1>
                %s
                </body></html>
                """.formatted(
                        escape(title),
                        LARGE_PRINT,
                        escape(practice.name()),
                        escape(practice.neighbourhood()),
                        LocalDate.now().format(DATE),
                        escape(title),
                        body);
        return documents.save(new PatientDocument(null, patient.id(), episodeId, kind, title, page, Instant.now()));
    }

    /** Free text as escaped paragraphs: line breaks kept, markup shown as typed. */
    public static String paragraphs(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br />");
    }

    /**
     * Text as it is shown: only {@code < > & " '} become references. Spring's default escaping also writes named
     * references such as {@code &eacute;}, which XML does not know, so a name like Zoë would break the XHTML.
     */
    public static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
