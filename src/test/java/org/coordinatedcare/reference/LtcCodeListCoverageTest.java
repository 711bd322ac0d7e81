package org.coordinatedcare.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * How much of a synthetic population's long-term condition coding the shipped list (curated, no SNOMED CT release)
 * counts. The population is drawn with a seeded Random from {@link #CODES_IN_USE}: the SNOMED CT concepts a UK
 * practice or a Synthea (US edition) record uses for each LTC, with a prevalence per 1,000 adults from QOF register
 * sizes and the Cambridge Multimorbidity Score conditions, split over the specific concepts (complications of diabetes,
 * types and stages of heart failure and CKD, kinds of epilepsy...). The table is written from what records hold, not
 * from the list: it keeps concepts the list does not carry (those not verified well enough to ship, and those only a
 * SNOMED CT release's descendants would bring in). Run with {@code mvn -o test -Dtest=LtcCodeListCoverageTest}.
 */
class LtcCodeListCoverageTest {

    record InUse(String code, String term, double perThousand) {}

    static final List<InUse> CODES_IN_USE = List.of(
            // hypertension
            new InUse("59621000", "Essential hypertension", 100),
            new InUse("38341003", "Hypertensive disorder", 30),
            new InUse("1201005", "Benign essential hypertension", 6),
            new InUse("10725009", "Benign hypertension", 3),
            new InUse("64715009", "Hypertensive heart disease", 3),
            new InUse("31992008", "Secondary hypertension", 2),
            new InUse("78975002", "Malignant essential hypertension", 0.5),
            new InUse("5148006", "Hypertensive heart disease with congestive heart failure", 1.5),
            // diabetes and its complications
            new InUse("44054006", "Type 2 diabetes mellitus", 45),
            new InUse("73211009", "Diabetes mellitus", 6),
            new InUse("46635009", "Type 1 diabetes mellitus", 5),
            new InUse("313436004", "Type 2 diabetes mellitus without complication", 3),
            new InUse("237599002", "Insulin treated type 2 diabetes mellitus", 2),
            new InUse("127013003", "Disorder of kidney due to diabetes mellitus", 2),
            new InUse("90781000119102", "Microalbuminuria due to type 2 diabetes mellitus", 1.5),
            new InUse("157141000119108", "Proteinuria due to type 2 diabetes mellitus", 1),
            new InUse("368581000119106", "Neuropathy due to type 2 diabetes mellitus", 3),
            new InUse("230572002", "Neuropathy due to diabetes mellitus", 1),
            new InUse("422034002", "Retinopathy due to type 2 diabetes mellitus", 2),
            new InUse("4855003", "Retinopathy due to diabetes mellitus", 1),
            new InUse("1551000119108", "Nonproliferative retinopathy due to type 2 diabetes mellitus", 1.5),
            new InUse("1501000119109", "Proliferative retinopathy due to type 2 diabetes mellitus", 0.5),
            new InUse("97331000119101", "Macular edema and retinopathy due to type 2 diabetes mellitus", 0.5),
            new InUse("60951000119105", "Blindness due to type 2 diabetes mellitus", 0.2),
            new InUse("280137006", "Diabetic foot", 0.5),
            new InUse("371087003", "Ulcer of foot due to diabetes mellitus", 0.5),
            new InUse("8801005", "Secondary diabetes mellitus", 0.3),
            // asthma
            new InUse("195967001", "Asthma", 45),
            new InUse("233678006", "Childhood asthma", 4),
            new InUse("389145006", "Allergic asthma", 3),
            new InUse("266361008", "Non-allergic asthma", 1),
            new InUse("426979002", "Mild persistent asthma", 3),
            new InUse("427679007", "Mild intermittent asthma", 3),
            new InUse("427295004", "Moderate persistent asthma", 2),
            new InUse("426656000", "Severe persistent asthma", 1),
            new InUse("370218001", "Mild asthma", 1),
            new InUse("57607007", "Occupational asthma", 0.3),
            new InUse("225057002", "Brittle asthma", 0.2),
            // chronic kidney disease, stages 3 to 5
            new InUse("433144002", "Chronic kidney disease stage 3", 20),
            new InUse("700378005", "Chronic kidney disease stage 3A", 10),
            new InUse("700379002", "Chronic kidney disease stage 3B", 5),
            new InUse("431857002", "Chronic kidney disease stage 4", 3),
            new InUse("433146000", "Chronic kidney disease stage 5", 0.8),
            new InUse("714152005", "Chronic kidney disease stage 5 on dialysis", 0.3),
            new InUse("46177005", "End-stage renal disease", 0.5),
            new InUse("731000119105", "Chronic kidney disease stage 3 due to type 2 diabetes mellitus", 2),
            new InUse("721000119107", "Chronic kidney disease stage 4 due to type 2 diabetes mellitus", 0.5),
            new InUse("90688005", "Chronic renal failure syndrome", 1),
            // coronary heart disease
            new InUse("53741008", "Coronary arteriosclerosis", 8),
            new InUse("414545008", "Ischemic heart disease", 6),
            new InUse("22298006", "Myocardial infarction", 4),
            new InUse("194828000", "Angina pectoris", 4),
            new InUse("399211009", "History of myocardial infarction", 3),
            new InUse("1755008", "Old myocardial infarction", 1),
            new InUse("57054005", "Acute myocardial infarction", 1),
            new InUse("401303003", "Acute ST segment elevation myocardial infarction", 0.5),
            new InUse("401314000", "Acute non-ST segment elevation myocardial infarction", 0.5),
            new InUse("4557003", "Preinfarction syndrome", 0.5),
            new InUse("413838009", "Chronic ischemic heart disease", 1),
            // atrial fibrillation
            new InUse("49436004", "Atrial fibrillation", 17),
            new InUse("282825002", "Paroxysmal atrial fibrillation", 2),
            new InUse("440059007", "Persistent atrial fibrillation", 1),
            new InUse("440028005", "Permanent atrial fibrillation", 1),
            new InUse("426749004", "Chronic atrial fibrillation", 0.5),
            new InUse("5370000", "Atrial flutter", 0.5),
            new InUse("762247006", "Longstanding persistent atrial fibrillation", 0.3),
            // COPD
            new InUse("13645005", "Chronic obstructive lung disease", 12),
            new InUse("185086009", "Chronic obstructive bronchitis", 2),
            new InUse("87433001", "Pulmonary emphysema", 1.5),
            new InUse("195951007", "Acute exacerbation of chronic obstructive airways disease", 1),
            new InUse("313296004", "Mild chronic obstructive pulmonary disease", 0.5),
            new InUse("313297008", "Moderate chronic obstructive pulmonary disease", 0.8),
            new InUse("313299006", "Severe chronic obstructive pulmonary disease", 0.5),
            new InUse("135836000", "End stage chronic obstructive airways disease", 0.2),
            // stroke and TIA
            new InUse("230690007", "Cerebrovascular accident", 8),
            new InUse("266257000", "Transient ischemic attack", 5),
            new InUse("432504007", "Cerebral infarction", 2),
            new InUse("422504002", "Ischemic stroke", 2),
            new InUse("274100004", "Cerebral hemorrhage", 0.8),
            // heart failure, its types
            new InUse("84114007", "Heart failure", 5),
            new InUse("88805009", "Chronic congestive heart failure", 2),
            new InUse("42343007", "Congestive heart failure", 1.5),
            new InUse("703272007", "Heart failure with reduced ejection fraction", 0.8),
            new InUse("446221000", "Heart failure with normal ejection fraction", 0.5),
            new InUse("417996009", "Systolic heart failure", 0.3),
            new InUse("418304008", "Diastolic heart failure", 0.2),
            new InUse("441481004", "Chronic systolic heart failure", 0.2),
            new InUse("441530006", "Chronic diastolic heart failure", 0.2),
            new InUse("48447003", "Chronic heart failure", 0.2),
            // cancer
            new InUse("363346000", "Malignant neoplastic disease", 4),
            new InUse("254837009", "Malignant neoplasm of breast", 10),
            new InUse("408643008", "Infiltrating duct carcinoma of breast", 1),
            new InUse("399068003", "Malignant tumor of prostate", 7),
            new InUse("363406005", "Malignant tumor of colon", 3),
            new InUse("93761005", "Primary malignant neoplasm of colon", 1),
            new InUse("109838007", "Overlapping malignant neoplasm of colon", 0.3),
            new InUse("363358000", "Malignant tumor of lung", 2),
            new InUse("254637007", "Non-small cell lung cancer", 1.5),
            new InUse("254632001", "Small cell carcinoma of lung", 0.3),
            new InUse("372244006", "Malignant melanoma", 2),
            new InUse("118600007", "Malignant lymphoma", 1),
            new InUse("93143009", "Leukemia", 0.5),
            new InUse("92814006", "Chronic lymphoid leukemia", 0.5),
            new InUse("91861009", "Acute myeloid leukemia", 0.2),
            new InUse("109989006", "Multiple myeloma", 0.3),
            new InUse("363443007", "Malignant tumor of ovary", 0.5),
            new InUse("363418001", "Malignant tumor of pancreas", 0.3),
            new InUse("363349007", "Malignant tumor of stomach", 0.3),
            // depression
            new InUse("35489007", "Depressive disorder", 80),
            new InUse("370143000", "Major depressive disorder", 15),
            new InUse("36923009", "Major depression, single episode", 10),
            new InUse("66344007", "Recurrent major depression", 5),
            new InUse("191616006", "Recurrent depression", 5),
            new InUse("310495003", "Mild depression", 5),
            new InUse("310496002", "Moderate depression", 5),
            new InUse("310497006", "Severe depression", 2),
            // dementia
            new InUse("52448006", "Dementia", 3),
            new InUse("26929004", "Alzheimer's disease", 3),
            new InUse("429998004", "Vascular dementia", 1.5),
            new InUse("230265002", "Familial Alzheimer's disease of early onset", 0.2),
            new InUse("312991009", "Senile dementia of the Lewy body type", 0.2),
            new InUse("230270009", "Frontotemporal dementia", 0.1),
            // schizophrenia, bipolar and other psychoses
            new InUse("58214004", "Schizophrenia", 3),
            new InUse("13746004", "Bipolar disorder", 3),
            new InUse("69322001", "Psychotic disorder", 2),
            new InUse("68890003", "Schizoaffective disorder", 0.5),
            new InUse("371596008", "Bipolar I disorder", 0.7),
            new InUse("83225003", "Bipolar II disorder", 0.3),
            // epilepsy, its kinds
            new InUse("84757009", "Epilepsy", 6),
            new InUse("128613002", "Seizure disorder", 1),
            new InUse("19598007", "Generalized epilepsy", 0.3),
            new InUse("352818000", "Tonic-clonic epilepsy", 0.3),
            new InUse("230456007", "Status epilepticus", 0.2),
            // learning disability, osteoporosis, inflammatory arthritis, PAD
            new InUse("110359009", "Intellectual disability", 5),
            new InUse("41040004", "Complete trisomy 21 syndrome", 0.6),
            new InUse("64859006", "Osteoporosis", 10),
            new InUse("69896004", "Rheumatoid arthritis", 7),
            new InUse("33339001", "Psoriatic arthritis", 2),
            new InUse("9631008", "Ankylosing spondylitis", 1.5),
            new InUse("55464009", "Systemic lupus erythematosus", 0.5),
            new InUse("400047006", "Peripheral vascular disease", 2.5),
            new InUse("840580004", "Peripheral arterial disease", 2),
            new InUse("399957001", "Peripheral arterial occlusive disease", 1),
            new InUse("63491006", "Intermittent claudication", 1),
            // Cambridge Multimorbidity Score conditions beyond the QOF registers
            new InUse("414916001", "Obesity", 40),
            new InUse("162864005", "Body mass index 30+ - obesity", 40),
            new InUse("408512008", "Body mass index 40+ - severely obese", 8),
            new InUse("238136002", "Morbid obesity", 5),
            new InUse("197480006", "Anxiety disorder", 40),
            new InUse("21897009", "Generalized anxiety disorder", 15),
            new InUse("371631005", "Panic disorder", 5),
            new InUse("82423001", "Chronic pain", 20),
            new InUse("396275006", "Osteoarthritis", 15),
            new InUse("239873007", "Osteoarthritis of knee", 12),
            new InUse("239872002", "Osteoarthritis of hip", 6),
            new InUse("201834006", "Localized, primary osteoarthritis of the hand", 5),
            new InUse("278860009", "Chronic low back pain", 15),
            new InUse("134407002", "Chronic back pain", 6),
            new InUse("203082005", "Fibromyalgia", 5),
            new InUse("10743008", "Irritable bowel syndrome", 40),
            new InUse("15188001", "Hearing loss", 40),
            new InUse("60700002", "Sensorineural hearing loss", 10),
            new InUse("49049000", "Parkinson's disease", 3),
            new InUse("9014002", "Psoriasis", 20),
            new InUse("43116000", "Eczema", 25),
            new InUse("24079001", "Atopic dermatitis", 10),
            new InUse("266569009", "Benign prostatic hyperplasia", 20),
            new InUse("40930008", "Hypothyroidism", 30),
            new InUse("83664006", "Idiopathic atrophic hypothyroidism", 3),
            new InUse("34486009", "Hyperthyroidism", 3),
            new InUse("7200002", "Alcoholism", 3),
            new InUse("66590003", "Alcohol dependence", 3),
            new InUse("15167005", "Alcohol abuse", 3),
            new InUse("26416006", "Drug dependence", 3),
            new InUse("66214007", "Substance abuse", 3),
            new InUse("5602001", "Opioid abuse", 1),
            new InUse("75544000", "Opioid dependence", 1),
            new InUse("40055000", "Chronic sinusitis", 10),
            new InUse("397881000", "Diverticular disease", 15),
            new InUse("307496006", "Diverticulosis", 10),
            new InUse("37796009", "Migraine", 40),
            new InUse("23986001", "Glaucoma", 10),
            new InUse("12295008", "Bronchiectasis", 3),
            new InUse("24700007", "Multiple sclerosis", 2),
            new InUse("328383001", "Chronic liver disease", 2),
            new InUse("19943007", "Cirrhosis of liver", 1),
            new InUse("34000006", "Crohn's disease", 3),
            new InUse("64766004", "Ulcerative colitis", 4),
            new InUse("24526004", "Inflammatory bowel disease", 1),
            new InUse("13200003", "Peptic ulcer", 3),
            new InUse("397825006", "Gastric ulcer", 1),
            new InUse("51868009", "Duodenal ulcer", 1),
            new InUse("236069009", "Chronic constipation", 15),
            new InUse("56882008", "Anorexia nervosa", 1),
            new InUse("78004001", "Bulimia nervosa", 1));

    static final int ADULTS = 20_000;

    @Test
    void theShippedListCountsAtLeast95PercentOfTheLtcCodeUsesOfASyntheticPopulation() {
        Set<String> listed = LtcConditions.load(LtcConditions.read(), null, null).codes().stream()
                .map(LtcCondition::snomedCode)
                .collect(Collectors.toSet());
        Random random = new Random(18);
        long uses = 0;
        long counted = 0;
        Map<String, Long> missed = new TreeMap<>();
        for (int adult = 0; adult < ADULTS; adult++) {
            for (InUse code : CODES_IN_USE) {
                if (random.nextDouble() * 1000 < code.perThousand()) {
                    uses++;
                    if (listed.contains(code.code())) {
                        counted++;
                    } else {
                        missed.merge(code.code() + " " + code.term(), 1L, Long::sum);
                    }
                }
            }
        }
        double coverage = 100.0 * counted / uses;
        System.out.printf(
                "LTC code-list coverage: %.1f%% of %d LTC code uses in %d synthetic adults; not counted: %s%n",
                coverage, uses, ADULTS, missed);
        assertThat(coverage).isGreaterThanOrEqualTo(95.0);
    }
}
