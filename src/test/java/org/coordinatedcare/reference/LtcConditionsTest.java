package org.coordinatedcare.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/**
 * The shipped list and its expansion from a SNOMED CT release. {@code snomed/} holds a hand-made RF2 excerpt: real
 * listed concepts (diabetes, heart failure, hypertension, epilepsy, CKD) with fixture children (ids 9000001 to
 * 9000008), an inactive is-a row, a non-is-a row and a concept under two categories.
 */
class LtcConditionsTest {

    private static final Path RELATIONSHIPS = fixture("snomed/sct2_Relationship_Snapshot_TEST_20250401.txt");
    private static final Path DESCRIPTIONS = fixture("snomed/sct2_Description_Snapshot-en_TEST_20250401.txt");

    @Test
    void theHierarchyKeepsActiveIsARowsAndFindsDescendantsBreadthFirst() {
        SnomedHierarchy hierarchy = SnomedHierarchy.read(RELATIONSHIPS);

        assertThat(hierarchy.release()).isEqualTo("20250401");
        assertThat(hierarchy.descendants("73211009"))
                .containsExactly("44054006", "11687002", "9000002", "9000001", "9000003");
        assertThat(hierarchy.descendants("433144002")).as("inactive is-a").isEmpty();
        assertThat(hierarchy.descendants("84757009"))
                .as("finding site is no is-a")
                .containsExactly("9000007");
        assertThat(hierarchy.descendants("9000002")).isEmpty();
    }

    @Test
    void aListedConceptBringsItsDescendantsIntoItsCategoryExceptTheExcluded() {
        LtcConditions.Loaded loaded =
                LtcConditions.load(LtcConditions.read(), SnomedHierarchy.read(RELATIONSHIPS), DESCRIPTIONS);
        Map<String, LtcCondition> codes = new LinkedHashMap<>();
        loaded.codes().forEach(row -> codes.put(row.snomedCode(), row));

        assertThat(codes.get("9000001"))
                .isEqualTo(new LtcCondition(
                        "9000001",
                        "Fixture complication of type 2 diabetes mellitus (disorder)",
                        "Diabetes",
                        "73211009"));
        assertThat(codes.get("9000002").descendsFrom()).isEqualTo("73211009");
        assertThat(codes.get("44054006"))
                .as("a listed concept keeps its row")
                .isEqualTo(new LtcCondition("44054006", "Type 2 diabetes mellitus", "Diabetes"));
        assertThat(codes)
                .as("gestational diabetes and below are excluded from Diabetes")
                .doesNotContainKeys("11687002", "9000003")
                .as("inactive is-a, finding site, unlisted parent")
                .doesNotContainKeys("9000005", "9000006", "9000008");
        assertThat(codes.get("9000004"))
                .as("under heart failure and hypertension: the category listed first")
                .isEqualTo(new LtcCondition(
                        "9000004",
                        "Fixture heart failure due to hypertension (disorder)",
                        "Heart failure",
                        "84114007"));
        assertThat(codes.get("9000007"))
                .as("no term in the release's descriptions")
                .isEqualTo(new LtcCondition("9000007", "(a descendant of Epilepsy)", "Epilepsy", "84757009"));
        assertThat(loaded.version()).matches("[0-9a-f]{12}\\+snomed-20250401");
    }

    @Test
    void withoutAReleaseTheCuratedListStandsAndTheVersionFollowsItsCodes() {
        List<LtcConditions.Row> rows = LtcConditions.read();
        LtcConditions.Loaded curated = LtcConditions.load(rows, null, null);

        assertThat(curated.codes())
                .hasSize((int) rows.stream()
                        .filter(row -> row.descendants() != LtcConditions.Descendants.EXCLUDE)
                        .count())
                .allSatisfy(row -> assertThat(row.descendsFrom()).isNull());
        assertThat(curated.version()).matches("[0-9a-f]{12}\\+curated");
        assertThat(LtcConditions.load(rows, null, null).version()).isEqualTo(curated.version());
        assertThat(LtcConditions.load(rows.subList(1, rows.size()), null, null).version())
                .isNotEqualTo(curated.version());
    }

    @Test
    void theShippedListHasOneCategoryPerCodeAndATermForEach() {
        List<LtcConditions.Row> rows = LtcConditions.read();
        assertThat(rows)
                .hasSizeGreaterThan(190)
                .allSatisfy(row -> assertThat(row.description()).isNotBlank());
        assertThat(rows.stream().map(LtcConditions.Row::ltcCategory).distinct().count())
                .isLessThanOrEqualTo(LtcConditions.MAX_CATEGORIES);
    }

    @Test
    void aMalformedListIsRefusedAtStart() {
        assertThatThrownBy(() -> read("snomed_code,description,ltc_category\n38341003,Hypertension,Hypertension\n"))
                .hasMessageContaining("header");
        assertThatThrownBy(() -> read(LtcConditions.HEADER + "\n38341003,Hypertension,Hypertension,maybe\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> read(LtcConditions.HEADER
                        + "\n38341003,Hypertension,Hypertension,yes\n38341003,Hypertension,Hypertension,no\n"))
                .hasMessageContaining("again");
    }

    private static List<LtcConditions.Row> read(String csv) throws Exception {
        return LtcConditions.read(new BufferedReader(new StringReader(csv)), "test.csv");
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(
                            LtcConditionsTest.class.getClassLoader().getResource(name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
