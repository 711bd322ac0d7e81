package org.coordinatedcare.casefinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.coordinatedcare.casefinding.MultimorbidityScore.Condition;
import org.coordinatedcare.casefinding.MultimorbidityScore.Score;
import org.junit.jupiter.api.Test;

/**
 * The published general-outcome weights (Payne et al., CMAJ 2020) on patients scored by hand. No Spring context: the
 * score is arithmetic on a patient's LTC categories.
 */
class MultimorbidityScoreTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static Condition has(String category) {
        return new Condition(category, LocalDate.of(2015, 1, 1));
    }

    @Test
    void copdDiabetesAndHypertension() {
        // COPD 1.46 + Diabetes 0.75 + Hypertension 0.08 = 2.29; hypertension coded twice counts once
        Score score = MultimorbidityScore.of(
                List.of(has("Hypertension"), has("Diabetes"), has("COPD"), has("Hypertension")), TODAY);
        assertThat(score.total()).isEqualByComparingTo("2.29");
        assertThat(score.breakdown()).isEqualTo("COPD:1.46|Diabetes:0.75|Hypertension:0.08");
    }

    @Test
    void anxietyAndDepressionAreOneConditionAndUnweightedCategoriesAddNothing() {
        // Atrial fibrillation 1.34 + Heart failure 1.18 + Chronic kidney disease 0.53 + Anxiety or depression 0.50
        // (once, for both) + Osteoporosis 0 + Parkinson's disease 0 = 3.55
        Score score = MultimorbidityScore.of(
                List.of(
                        has("Heart failure"),
                        has("Atrial fibrillation"),
                        has("Chronic kidney disease (stages 3 to 5)"),
                        has("Depression"),
                        has("Anxiety and other neurotic disorders"),
                        has("Osteoporosis"),
                        has("Parkinson's disease")),
                TODAY);
        assertThat(score.total()).isEqualByComparingTo("3.55");
        assertThat(score.breakdown())
                .isEqualTo(
                        "Atrial fibrillation:1.34|Heart failure:1.18|Chronic kidney disease:0.53|Anxiety or depression:0.50");
        assertThat(score.parts().get(3).categories())
                .containsExactly("Depression", "Anxiety and other neurotic disorders");
    }

    @Test
    void cancerCountsWhenDiagnosedInTheLastFiveYearsOrUndated() {
        // Dementia 2.50 + Stroke or TIA 0.80 = 3.30; the cancer diagnosed in 2016 is more than 5 years ago
        List<Condition> oldCancer = List.of(
                has("Dementia"),
                has("Stroke and transient ischaemic attack"),
                new Condition("Cancer", LocalDate.of(2016, 6, 1)));
        assertThat(MultimorbidityScore.of(oldCancer, TODAY).total()).isEqualByComparingTo("3.30");
        // ... and a second cancer code from 2024 adds Cancer 1.53: 3.30 + 1.53 = 4.83
        List<Condition> recent = new java.util.ArrayList<>(oldCancer);
        recent.add(new Condition("Cancer", LocalDate.of(2024, 2, 1)));
        Score score = MultimorbidityScore.of(recent, TODAY);
        assertThat(score.total()).isEqualByComparingTo("4.83");
        assertThat(score.breakdown()).isEqualTo("Dementia:2.50|Cancer (last 5 years):1.53|Stroke or TIA:0.80");
        assertThat(MultimorbidityScore.of(List.of(new Condition("Cancer", null)), TODAY)
                        .total())
                .isEqualByComparingTo("1.53");
    }

    @Test
    void noWeightedConditionScoresZero() {
        Score score = MultimorbidityScore.of(List.of(has("Glaucoma"), has("Migraine")), TODAY);
        assertThat(score.total()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(score.breakdown()).isEmpty();
    }

    @Test
    void theTwentyPublishedWeightsAndEveryWeightedCategoryIsInTheLtcList() throws IOException {
        assertThat(MultimorbidityScore.WEIGHTS.values().stream()
                        .map(MultimorbidityScore.Weight::condition)
                        .distinct())
                .hasSize(20);
        // all 20 conditions at once, diagnosed last year: 16.33 (the 21 categories include anxiety and depression,
        // weighed
        // once)
        Score all = MultimorbidityScore.of(
                MultimorbidityScore.WEIGHTS.keySet().stream()
                        .map(c -> new Condition(c, TODAY.minusYears(1)))
                        .toList(),
                TODAY);
        assertThat(all.total()).isEqualByComparingTo("16.33");
        String csv;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("reference/ltc-conditions.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String category : MultimorbidityScore.WEIGHTS.keySet()) {
            // the category is the third column, followed by the descendants flag
            assertThat(csv.contains("," + category + ",") || csv.contains(",\"" + category + "\","))
                    .as("category %s of ltc-conditions.csv (renamed? then rename it in MultimorbidityScore)", category)
                    .isTrue();
        }
    }
}
