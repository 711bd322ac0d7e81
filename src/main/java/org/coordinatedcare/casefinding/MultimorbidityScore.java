package org.coordinatedcare.casefinding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Cambridge Multimorbidity Score, general-outcome version with 20 conditions: Payne RA, Mendonca SC, Elliott MN et
 * al. Development and validation of the Cambridge Multimorbidity Score. CMAJ 2020;192(5):E107-14,
 * doi:10.1503/cmaj.190757. A patient's score is the sum of the weights of the conditions they have; the higher, the
 * more GP consultations, unplanned admissions and deaths the paper's patients went on to have.
 *
 * <p>The weights below are the published general-outcome weights as implemented, identically for all 20, by two
 * independent public implementations (an OpenSAFELY ehrQL study definition, and the CPRD analysis code of one of the
 * paper's authors, function {@code silviaScoreG}); we could not read the paper's table itself, so a clinician should
 * check them against Table 3 of the paper before go-live. Issue 18.
 *
 * <p>Our conditions are the LTC categories of {@code reference/ltc-conditions.csv}, matched to the score's conditions
 * by name; categories the score does not weigh (osteoporosis, Parkinson's disease, ...) contribute 0, and so does a
 * category renamed in the CSV until it is added here. Differences from the paper's definitions, which need prescribing
 * data we do not hold: the paper counts asthma, painful conditions, constipation, epilepsy and irritable bowel syndrome
 * only when treated, and here an active coded condition counts; "anxiety or depression" is one condition, weighed once
 * when a patient has either or both; cancer counts when diagnosed in the last 5 years (or the onset is not recorded, so
 * that a record without a date is not silently scored down; the onset date is shown beside it).
 */
public final class MultimorbidityScore {

    /** One condition of the score, and the weight it adds. */
    public record Weight(String condition, BigDecimal weight) {}

    /** A part of a patient's score: the score's condition, our categories behind it, its weight. */
    public record Part(String condition, List<String> categories, BigDecimal weight) {}

    /** A patient's score and the conditions it is made of, heaviest first. */
    public record Score(BigDecimal total, List<Part> parts) {

        /** As stored: {@code condition:weight|...}, heaviest first. */
        public String breakdown() {
            return parts.stream()
                    .map(p -> p.condition() + ":" + p.weight().toPlainString())
                    .collect(Collectors.joining("|"));
        }
    }

    /** A coded condition in one of our LTC categories, with its onset date if recorded. */
    public record Condition(String category, LocalDate onset) {}

    static final String CANCER = "Cancer";
    static final int CANCER_YEARS = 5;

    /** Our LTC category (CSV name) to the score's condition and its general-outcome weight. */
    static final Map<String, Weight> WEIGHTS = Map.ofEntries(
            weight("Alcohol problems", "Alcohol problems", "0.65"),
            weight("Anxiety and other neurotic disorders", "Anxiety or depression", "0.50"),
            weight("Depression", "Anxiety or depression", "0.50"),
            weight("Asthma", "Asthma", "0.19"),
            weight("Atrial fibrillation", "Atrial fibrillation", "1.34"),
            weight(CANCER, "Cancer (last 5 years)", "1.53"),
            weight("Chronic kidney disease (stages 3 to 5)", "Chronic kidney disease", "0.53"),
            weight("Constipation", "Constipation", "1.12"),
            weight("COPD", "COPD", "1.46"),
            weight("Coronary heart disease", "Coronary heart disease", "0.49"),
            weight("Dementia", "Dementia", "2.50"),
            weight("Diabetes", "Diabetes", "0.75"),
            weight("Epilepsy", "Epilepsy", "0.92"),
            weight("Hearing loss", "Hearing loss", "0.09"),
            weight("Heart failure", "Heart failure", "1.18"),
            weight("Hypertension", "Hypertension", "0.08"),
            weight("Irritable bowel syndrome", "Irritable bowel syndrome", "0.21"),
            weight("Painful condition", "Painful condition", "0.92"),
            weight(
                    "Rheumatoid arthritis and inflammatory arthropathies",
                    "Rheumatoid arthritis and connective tissue disorders",
                    "0.43"),
            weight("Schizophrenia, bipolar and other psychoses", "Schizophrenia or bipolar disorder", "0.64"),
            weight("Stroke and transient ischaemic attack", "Stroke or TIA", "0.80"));

    private MultimorbidityScore() {}

    private static Map.Entry<String, Weight> weight(String category, String condition, String weight) {
        return Map.entry(category, new Weight(condition, new BigDecimal(weight)));
    }

    /** The score of a patient with these active coded conditions, as of {@code today}. */
    public static Score of(Collection<Condition> conditions, LocalDate today) {
        return ofCounted(counted(conditions, today));
    }

    /**
     * The categories the score counts, each once, in the order first met: those with a weight, less a cancer with an
     * onset before the last {@value #CANCER_YEARS} years. Two patients with the same list have the same score.
     */
    public static List<String> counted(Collection<Condition> conditions, LocalDate today) {
        LocalDate cancerSince = today.minusYears(CANCER_YEARS);
        List<String> counted = new ArrayList<>();
        for (Condition c : conditions) {
            if (!WEIGHTS.containsKey(c.category())
                    || (CANCER.equals(c.category())
                            && c.onset() != null
                            && c.onset().isBefore(cancerSince))
                    || counted.contains(c.category())) {
                continue;
            }
            counted.add(c.category());
        }
        return counted;
    }

    /** The score of these counted categories ({@link #counted}). */
    public static Score ofCounted(List<String> counted) {
        Map<String, List<String>> categoriesByCondition = new LinkedHashMap<>();
        for (String category : counted) {
            categoriesByCondition
                    .computeIfAbsent(WEIGHTS.get(category).condition(), k -> new ArrayList<>())
                    .add(category);
        }
        List<Part> parts = new ArrayList<>();
        categoriesByCondition.forEach((condition, categories) -> parts.add(new Part(
                condition,
                List.copyOf(categories),
                WEIGHTS.get(categories.get(0)).weight())));
        parts.sort((a, b) -> a.weight().compareTo(b.weight()) != 0
                ? b.weight().compareTo(a.weight())
                : a.condition().compareTo(b.condition()));
        BigDecimal total = parts.stream().map(Part::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Score(total.setScale(2), List.copyOf(parts));
    }
}
