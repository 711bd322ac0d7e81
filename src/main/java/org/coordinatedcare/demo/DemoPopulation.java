package org.coordinatedcare.demo;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo population as FHIR R4 NDJSON, the way a PCN's GP and hospital systems would send it: four practices in
 * their neighbourhoods, a GP practitioner each, and patients with coded conditions (some resolved, some entered in
 * error), eFI frailty and emergency hospital stays and A&amp;E attendances in the last year. The same seed gives the
 * same people (dates are relative to today). The first five patients of each practice are living adults with three or
 * more active long-term conditions, so the demo always has patients to identify.
 */
final class DemoPopulation {

    record DemoPractice(String odsCode, String name, String neighbourhood, String gpGiven, String gpFamily) {}

    static final List<DemoPractice> PRACTICES = List.of(
            new DemoPractice("A10001", "Borough Medical Practice", "Borough", "Amara", "Lee"),
            new DemoPractice("A10002", "Walworth Health Centre", "Walworth", "Helen", "Wright"),
            new DemoPractice("A10003", "Bermondsey Surgery", "Bermondsey", "Ngozi", "Okoro"),
            new DemoPractice("A10004", "Rotherhithe Group Practice", "Rotherhithe", "Edward", "Finch"));

    static final String[][] CONDITIONS = {
        {"38341003", "Hypertensive disorder"},
        {"59621000", "Essential hypertension"},
        {"44054006", "Type 2 diabetes mellitus"},
        {"46635009", "Type 1 diabetes mellitus"},
        {"195967001", "Asthma"},
        {"13645005", "Chronic obstructive pulmonary disease"},
        {"433144002", "Chronic kidney disease stage 3"},
        {"431857002", "Chronic kidney disease stage 4"},
        {"53741008", "Coronary arteriosclerosis"},
        {"49436004", "Atrial fibrillation"},
        {"84114007", "Heart failure"},
        {"35489007", "Depressive disorder"},
        {"69896004", "Rheumatoid arthritis"},
        {"396275006", "Osteoarthritis"},
        {"52448006", "Dementia"},
        {"230690007", "Cerebrovascular accident"},
        {"363346000", "Malignant neoplastic disease"},
        {"414916001", "Obesity"},
        {"73211009", "Diabetes mellitus"},
        {"197480006", "Anxiety disorder"}
    };
    private static final String[] GIVEN = {
        "Ada",
        "Bernard",
        "Chioma",
        "Dennis",
        "Elif",
        "Frank",
        "Gloria",
        "Hamza",
        "Irene",
        "Joseph",
        "Kemi",
        "Leonard",
        "Maureen",
        "Nikos",
        "Olive",
        "Patrick",
        "Queenie",
        "Rashid",
        "Sylvia",
        "Tomasz",
        "Una",
        "Victor",
        "Winifred",
        "Yusuf"
    };
    private static final String[] FAMILY = {
        "Adebayo",
        "Brennan",
        "Costa",
        "Dlamini",
        "Evans",
        "Fitzgerald",
        "Gordon",
        "Hussain",
        "Ibrahim",
        "Jackson",
        "Kowalski",
        "Lewis",
        "Mensah",
        "Novak",
        "O'Neill",
        "Price",
        "Quinn",
        "Robinson",
        "Silva",
        "Thompson"
    };
    private static final String[][] FRAILTY = {
        {"925791000000100", "Mild frailty"},
        {"925831000000107", "Moderate frailty"},
        {"925861000000102", "Severe frailty"}
    };

    private final Random random;
    private final int patientsPerPractice;
    private final LocalDate today;
    private final Set<String> nhsNumbers = new HashSet<>();

    DemoPopulation(long seed, int patientsPerPractice, LocalDate today) {
        this.random = new Random(seed);
        this.patientsPerPractice = patientsPerPractice;
        this.today = today;
    }

    void write(Writer out) throws IOException {
        for (DemoPractice practice : PRACTICES) {
            line(
                    out,
                    """
                    {"resourceType":"Organization","id":"org-%s","identifier":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"%s"}],\
                    "name":"%s","extension":[{"url":"https://coordinatedcare.org/fhir/StructureDefinition/neighbourhood","valueString":"%s"}],\
                    "address":[{"district":"%s","city":"London"}]}""",
                    practice.odsCode(),
                    practice.odsCode(),
                    practice.name(),
                    practice.neighbourhood(),
                    practice.neighbourhood());
            line(out, """
                    {"resourceType":"Practitioner","id":"gp-%s","name":[{"family":"%s","given":["%s"],"prefix":["Dr"]}]}""", practice.odsCode(), practice.gpFamily(), practice.gpGiven());
        }
        int number = 0;
        for (DemoPractice practice : PRACTICES) {
            for (int i = 0; i < patientsPerPractice; i++) {
                patient(out, practice, "demo-" + (++number), i < 5);
            }
        }
    }

    /** NHS ethnic categories, weighted roughly as in an inner-London borough's census (A White British … Z not stated). */
    private static final String ETHNIC_CATEGORIES = "AAAAAAAABBCCCDEFGHJKLMMNNNNPRSSZ";

    /**
     * Sex, ethnic category and an IMD quintile on the home address (issue 20's equity split), drawn from the patient's
     * id rather than the shared generator, so the rest of the population is the same as before they were added.
     */
    private static String equityFields(String id, DemoPractice practice) {
        // SplittableRandom mixes its seed; java.util.Random seeded with neighbouring values draws alike first values
        SplittableRandom own = new SplittableRandom(id.hashCode());
        String sex = own.nextBoolean() ? "female" : "male";
        char ethnicity = ETHNIC_CATEGORIES.charAt(own.nextInt(ETHNIC_CATEGORIES.length()));
        // each practice's area leans more or less deprived; its patients spread a quintile either side
        int lean = 1 + Math.floorMod(practice.odsCode().hashCode(), 3);
        int quintile = Math.max(1, Math.min(5, lean + own.nextInt(3) - 1 + (own.nextInt(4) == 0 ? 1 : 0)));
        return """
                "gender":"%s","extension":[{"url":"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",\
                "valueCodeableConcept":{"coding":[{"system":"https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEnglandAndWales","code":"%s"}]}}],\
                "address":[{"use":"home","city":"London","extension":[{"url":"https://coordinatedcare.org/fhir/StructureDefinition/address-imd-quintile","valueInteger":%d}]}],""".formatted(sex, ethnicity, quintile);
    }

    private void patient(Writer out, DemoPractice practice, String id, boolean multimorbid) throws IOException {
        int roll = random.nextInt(100);
        boolean child = !multimorbid && roll < 3;
        boolean deceased = !multimorbid && roll >= 98;
        LocalDate born = child
                ? today.minusYears(2 + random.nextInt(15)).minusDays(random.nextInt(365))
                : LocalDate.of(1935 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
        line(
                out,
                """
                {"resourceType":"Patient","id":"%s","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],\
                "name":[{"use":"official","family":"%s","given":["%s"]}],"birthDate":"%s",%s%s\
                "generalPractitioner":[{"reference":"Organization/org-%s"},{"reference":"Practitioner/gp-%s"}]}""",
                id,
                nhsNumber(),
                FAMILY[random.nextInt(FAMILY.length)],
                GIVEN[random.nextInt(GIVEN.length)],
                born,
                deceased ? "\"deceasedDateTime\":\"" + today.minusDays(1 + random.nextInt(300)) + "\"," : "",
                contact(id) + equityFields(id, practice),
                practice.odsCode(),
                practice.odsCode());

        int count = child ? random.nextInt(2) : multimorbid ? 3 + random.nextInt(4) : random.nextInt(7);
        List<Integer> picked = new ArrayList<>();
        Set<String> categories = new HashSet<>();
        while (picked.size() < count) {
            int c = random.nextInt(CONDITIONS.length);
            // the multimorbid have that many distinct LTC categories (hypertension coded twice counts once)
            if (!picked.contains(c) && (!multimorbid || categories.add(category(CONDITIONS[c][0])))) {
                picked.add(c);
            }
        }
        int active = 0;
        for (int k = 0; k < picked.size(); k++) {
            String[] condition = CONDITIONS[picked.get(k)];
            LocalDate onset = today.minusDays(200 + random.nextInt(5000));
            int kind = random.nextInt(100);
            boolean resolved = !multimorbid && kind < 8;
            boolean inError = !multimorbid && kind >= 97;
            active += resolved || inError ? 0 : 1;
            line(
                    out,
                    """
                    {"resourceType":"Condition","id":"%s-c%d",\
                    "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},\
                    "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"%s"}]},\
                    "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},\
                    "subject":{"reference":"Patient/%s"},"onsetDateTime":"%s"%s}""",
                    id,
                    k,
                    resolved ? "resolved" : "active",
                    inError ? "entered-in-error" : "confirmed",
                    condition[0],
                    condition[1],
                    id,
                    onset,
                    resolved ? ",\"abatementDateTime\":\"" + onset.plusDays(30 + random.nextInt(150)) + "\"" : "");
        }
        boolean older = born.isBefore(today.minusYears(65));
        if (older && !deceased && random.nextInt(100) < 35) {
            double score = Math.round((0.05 + random.nextDouble() * 0.45) * 100) / 100.0;
            LocalDate assessed = today.minusDays(random.nextInt(365));
            if (random.nextBoolean()) {
                line(out, """
                        {"resourceType":"Observation","id":"%s-efi","status":"final",\
                        "code":{"coding":[{"system":"http://snomed.info/sct","code":"713636003","display":"Electronic frailty index score"}]},\
                        "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s","valueQuantity":{"value":%s}}""", id, id, assessed, String.format(Locale.ROOT, "%.2f", score));
            } else {
                String[] category = FRAILTY[score <= 0.24 ? 0 : score <= 0.36 ? 1 : 2];
                line(out, """
                        {"resourceType":"Observation","id":"%s-frailty","status":"final",\
                        "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},\
                        "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s"}""", id, category[0], category[1], id, assessed);
            }
        }
        if (active >= 4 && random.nextBoolean()) {
            LocalDate admitted = today.minusDays(10 + random.nextInt(300));
            line(out, """
                    {"resourceType":"Encounter","id":"%s-stay","status":"finished",\
                    "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},\
                    "priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActPriority","code":"EM"}]},\
                    "subject":{"reference":"Patient/%s"},"period":{"start":"%s","end":"%s"}}""", id, id, admitted, admitted.plusDays(2 + random.nextInt(10)));
        }
        if (active >= 2 && random.nextInt(100) < 10) {
            line(out, """
                    {"resourceType":"Encounter","id":"%s-ae","status":"finished",\
                    "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"EMER"},\
                    "subject":{"reference":"Patient/%s"},"period":{"start":"%s"}}""", id, id, today.minusDays(random.nextInt(365)));
        }
    }

    /** The codes of one LTC category in the list above (see reference/ltc-conditions.csv). */
    private static String category(String code) {
        return switch (code) {
            case "59621000" -> "38341003";
            case "44054006", "46635009" -> "73211009";
            default -> code;
        };
    }

    private static final String[] LANGUAGES = {"English", "English", "English", "Bengali", "Polish", "Yoruba"};

    /**
     * A mobile number from Ofcom's drama range and a preferred language, derived from the id rather than drawn from
     * {@code random}, so the rest of the population is the same as before contact preferences were imported.
     */
    private static String contact(String id) {
        int n = Math.floorMod(id.hashCode(), 1000);
        return """
                "telecom":[{"system":"phone","value":"07700 900%03d","use":"mobile"}],\
                "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","display":"%s"}]},"preferred":true}],""".formatted(n, LANGUAGES[n % LANGUAGES.length]);
    }

    private String nhsNumber() {
        while (true) {
            String candidate = DemoData.testNhsNumber(random);
            if (nhsNumbers.add(candidate)) {
                return candidate;
            }
        }
    }

    private static void line(Writer out, String template, Object... values) throws IOException {
        out.write(template.formatted(values));
        out.write('\n');
    }
}
