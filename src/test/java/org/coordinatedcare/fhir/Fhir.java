package org.coordinatedcare.fhir;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.coordinatedcare.patient.NhsNumber;

/** Small FHIR R4 JSON resources for tests, one line each, and valid test NHS numbers. */
final class Fhir {

    private static final AtomicInteger NEXT_NHS = new AtomicInteger(100_000);
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private Fhir() {}

    /** A unique prefix for a test's ids, so tests sharing a database never meet. */
    static String unique(String prefix) {
        return prefix + NEXT_ID.incrementAndGet() + "-";
    }

    /** A valid NHS number from the 999 test range, different each call. */
    static String nhsNumber() {
        while (true) {
            String stem = "999" + String.format("%06d", NEXT_NHS.incrementAndGet());
            int check = NhsNumber.checkDigit(stem);
            if (check >= 0) {
                return stem + check;
            }
        }
    }

    static String ref(String literal) {
        return "{\"reference\":\"" + literal + "\"}";
    }

    static String nhsRef(String nhsNumber) {
        return "{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"" + nhsNumber + "\"}}";
    }

    static String odsRef(String ods) {
        return "{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"" + ods
                + "\"}}";
    }

    static String organization(String id, String ods, String name) {
        return """
                {"resourceType":"Organization",%s"identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"%s"}],\
                "name":"%s","address":[{"district":"Testham","city":"London"}]}""".formatted(id(id), ods, name);
    }

    static String practitioner(String id, String given, String family) {
        return """
                {"resourceType":"Practitioner",%s"name":[{"family":"%s","given":["%s"]}]}""".formatted(id(id), family, given);
    }

    static String patient(String id, String nhsNumber, String... generalPractitioners) {
        return """
                {"resourceType":"Patient",%s"identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],\
                "name":[{"use":"official","family":"Tester","given":["Ada"]}],"birthDate":"1948-03-01",\
                "generalPractitioner":[%s]}""".formatted(id(id), nhsNumber, String.join(",", generalPractitioners));
    }

    static String condition(String id, String subject, String snomedCode) {
        return """
                {"resourceType":"Condition",%s"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},\
                "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},\
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"Condition %s"}]},\
                %s"onsetDateTime":"2015-06-01"}""".formatted(id(id), snomedCode, snomedCode, subject == null ? "" : "\"subject\":" + subject + ",");
    }

    static String conditionWithoutCode(String id, String subject) {
        return """
                {"resourceType":"Condition",%s"code":{"text":"Feels unwell"},"subject":%s}""".formatted(id(id), subject);
    }

    /** An emergency inpatient stay; finished with an end date it is also a discharge. */
    static String emergencyStay(String id, String subject, String start, String end) {
        return """
                {"resourceType":"Encounter",%s"status":"%s","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},\
                "priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActPriority","code":"EM"}]},\
                "subject":%s,"period":{"start":"%s"%s}}""".formatted(
                        id(id),
                        end == null ? "in-progress" : "finished",
                        subject,
                        start,
                        end == null ? "" : ",\"end\":\"" + end + "\"");
    }

    static String encounter(String id, String subject, String classCode, String start) {
        return """
                {"resourceType":"Encounter",%s"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"%s"},\
                "subject":%s,"period":{"start":"%s"}}""".formatted(id(id), classCode, subject, start);
    }

    static String frailtyCategory(String id, String subject, String categoryCode) {
        return """
                {"resourceType":"Observation",%s"status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},\
                "subject":%s,"effectiveDateTime":"2026-05-01"}""".formatted(id(id), categoryCode, subject);
    }

    static String frailtyScore(String id, String subject, String score) {
        return """
                {"resourceType":"Observation",%s"status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"713636003"}]},\
                "subject":%s,"effectiveDateTime":"2026-05-01T10:00:00+01:00","valueQuantity":{"value":%s}}""".formatted(id(id), subject, score);
    }

    static String bloodPressure(String id, String subject) {
        return """
                {"resourceType":"Observation",%s"status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"75367002"}]},\
                "subject":%s,"effectiveDateTime":"2026-05-01"}""".formatted(id(id), subject);
    }

    static String ndjson(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A Bundle of entries, each given as {fullUrl, resource} (fullUrl may be null). */
    static String bundle(String type, String[]... entries) {
        String body = Arrays.stream(entries)
                .map(e -> "{" + (e[0] == null ? "" : "\"fullUrl\":\"" + e[0] + "\",") + "\"resource\":" + e[1]
                        + (type.equals("transaction") || type.equals("batch")
                                ? ",\"request\":{\"method\":\"POST\",\"url\":\"x\"}"
                                : "")
                        + "}")
                .collect(Collectors.joining(","));
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + body + "]}";
    }

    static String[] entry(String fullUrl, String resource) {
        return new String[] {fullUrl, resource};
    }

    private static String id(String id) {
        return id == null ? "" : "\"id\":\"" + id + "\",";
    }
}
