package org.coordinatedcare.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Maps FHIR resources to the register's rows and writes one batch of one type at a time with plain, portable SQL
 * (PostgreSQL and H2): one query finds the rows that already exist (by FHIR id, or by NHS number or ODS code), one
 * query resolves the references of the batch, then one insert of all new rows (arrays unnested) and JDBC batch
 * updates. A row whose values are unchanged is not rewritten. Anything we cannot map is a {@link Rejected} with a
 * plain reason, never an exception.
 * <p>
 * This class hands each batch to the mapper of its type ({@link PatientRows} and the like); {@link References}
 * resolves what the resources refer to and {@link BatchUpsert} runs the statements.
 */
@Component
class RegisterWriter {

    private final PracticeRows practices;
    private final PractitionerRows practitioners;
    private final PatientRows patients;
    private final ConditionRows conditions;
    private final EncounterRows encounters;
    private final FrailtyRows frailty;

    RegisterWriter(NamedParameterJdbcTemplate jdbc, RegisterStatistics statistics) {
        BatchUpsert upsert = new BatchUpsert(jdbc, statistics);
        References references = new References(jdbc);
        this.practices = new PracticeRows(upsert);
        this.practitioners = new PractitionerRows(upsert);
        this.patients = new PatientRows(upsert, references);
        this.conditions = new ConditionRows(upsert, references);
        this.encounters = new EncounterRows(upsert, references);
        this.frailty = new FrailtyRows(upsert, references);
    }

    /** A resource that cannot go into the register, with the reason in plain words. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    record Parsed(Spool.Entry entry, Resource resource, String fhirId) {
        String type() {
            return resource.fhirType();
        }

        // each entry is one map key: hashing the record would hash its whole JSON text
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** What one batch did; applied to the report only once its transaction has committed. */
    static final class Result {
        final String type;
        int created;
        int updated;
        int unchanged;
        int skipped;
        final List<ImportReport.Rejection> rejections = new ArrayList<>();
        final Set<Long> hospitalEventPatients = new LinkedHashSet<>();

        Result(String type) {
            this.type = type;
        }

        void reject(Parsed parsed, String reason) {
            rejections.add(parsed.entry().reject(type, parsed.fhirId(), reason));
        }
    }

    /** Lookups that live for one import: practices and practitioners are few and read whole, once they are written. */
    static final class Context {
        final Spool spool;
        Map<String, Long> practiceByFhirId;
        Map<String, Long> practiceByOds;
        Map<String, Long> practitionerByFhirId;

        Context(Spool spool) {
            this.spool = spool;
        }
    }

    Result write(String type, List<Parsed> batch, Context context) {
        Result result = new Result(type);
        switch (type) {
            case "Organization" -> practices.write(batch, result, context);
            case "Practitioner" -> practitioners.write(batch, result, context);
            case "Patient" -> patients.write(batch, result, context);
            case "Condition" -> conditions.write(batch, result, context);
            case "Encounter" -> encounters.write(batch, result, context);
            case "Observation" -> frailty.write(batch, result, context);
            default -> result.skipped += batch.size();
        }
        return result;
    }
}
