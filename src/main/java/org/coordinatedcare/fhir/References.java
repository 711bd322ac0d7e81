package org.coordinatedcare.fhir;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.coordinatedcare.fhir.RegisterWriter.Context;
import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Rejected;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.coordinatedcare.patient.NhsNumber;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * How a resource's references find their rows in the register: a subject its patient (by FHIR id or NHS number, one
 * query per kind for a whole batch), a Patient's generalPractitioner its practice (by FHIR id or ODS code) and GP, from
 * the import's {@link Context}, which holds the few practices and practitioners whole. Literal references may be
 * {@code Type/id}, absolute URLs or the {@code urn:uuid} fullUrls of the import's Bundles.
 */
final class References {

    private final NamedParameterJdbcTemplate jdbc;

    References(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The resource type a reference points at ("Organization"), from its literal reference or identifier system. */
    static String referenceType(Reference reference, Spool spool) {
        if (reference.hasType()) {
            return reference.getType();
        }
        if (reference.hasReference()) {
            String literal = reference.getReference();
            if (literal.startsWith("urn:uuid:")) {
                String target = spool.resolveFullUrl(literal);
                return target == null ? null : target.substring(0, target.indexOf('/'));
            }
            return new IdType(literal).getResourceType();
        }
        if (reference.hasIdentifier()) {
            String system = reference.getIdentifier().getSystem();
            return FhirValues.ODS_CODE.equals(system)
                    ? "Organization"
                    : FhirValues.NHS_NUMBER.equals(system) ? "Patient" : null;
        }
        return null;
    }

    /** The FHIR id a literal reference points at: Type/id, an absolute URL, or a urn:uuid fullUrl of this import. */
    static String referenceId(Reference reference, Spool spool) {
        String literal = reference.getReference();
        if (literal == null || literal.isBlank() || literal.startsWith("#")) {
            return null;
        }
        if (literal.startsWith("urn:uuid:")) {
            String target = spool.resolveFullUrl(literal);
            return target != null ? target.substring(target.indexOf('/') + 1) : literal.substring("urn:uuid:".length());
        }
        return new IdType(literal).getIdPart();
    }

    private static String describe(Reference reference) {
        if (reference.hasReference()) {
            return "'" + reference.getReference() + "'";
        }
        if (reference.hasIdentifier()) {
            return "identifier " + reference.getIdentifier().getSystem() + "|"
                    + reference.getIdentifier().getValue();
        }
        return "(empty reference)";
    }

    /**
     * Each resource's subject resolved to our patient id with one query per kind of reference for the whole batch;
     * resources without a subject, or whose subject is not in the register, are rejected.
     */
    Map<Parsed, Long> subjects(
            List<Parsed> batch, Function<Parsed, Reference> subject, Result result, Context context) {
        Map<Parsed, String> byFhirId = new LinkedHashMap<>();
        Map<Parsed, String> byNhs = new LinkedHashMap<>();
        for (Parsed parsed : batch) {
            Reference reference = subject.apply(parsed);
            if (reference == null || reference.isEmpty()) {
                result.reject(parsed, parsed.type() + " has no subject (a reference to the Patient)");
                continue;
            }
            String type = referenceType(reference, context.spool);
            if (type != null && !"Patient".equals(type)) {
                result.reject(parsed, "subject " + describe(reference) + " is a " + type + ", not a Patient");
                continue;
            }
            if (reference.hasReference()) {
                String id = referenceId(reference, context.spool);
                if (id == null) {
                    result.reject(
                            parsed,
                            "subject " + describe(reference) + " cannot be resolved (contained or empty reference)");
                } else {
                    byFhirId.put(parsed, id);
                }
            } else if (reference.hasIdentifier()
                    && FhirValues.NHS_NUMBER.equals(reference.getIdentifier().getSystem())) {
                String nhs = reference.getIdentifier().getValue();
                if (!NhsNumber.isValid(nhs)) {
                    result.reject(
                            parsed,
                            "subject NHS number '" + nhs + "' is not valid (10 digits with a Modulus 11 check digit)");
                } else {
                    byNhs.put(parsed, NhsNumber.normalise(nhs));
                }
            } else {
                result.reject(
                        parsed, "subject " + describe(reference) + " is neither a Patient reference nor an NHS number");
            }
        }
        Map<String, Long> ids = lookup("select fhir_id, id from patient where fhir_id = any(:keys)", byFhirId.values());
        Map<String, Long> nhsIds =
                lookup("select nhs_number, id from patient where nhs_number = any(:keys)", byNhs.values());
        Map<Parsed, Long> resolved = new LinkedHashMap<>();
        for (Parsed parsed : batch) {
            String key = byFhirId.get(parsed);
            Long patientId = key != null ? ids.get(key) : null;
            if (key == null && byNhs.containsKey(parsed)) {
                key = byNhs.get(parsed);
                patientId = nhsIds.get(key);
            }
            if (key == null) {
                continue; // rejected above
            }
            if (patientId == null) {
                result.reject(
                        parsed, "subject " + describe(subject.apply(parsed)) + " is not a patient in the register");
            } else {
                resolved.put(parsed, patientId);
            }
        }
        return resolved;
    }

    private Map<String, Long> lookup(String sql, Collection<String> keys) {
        Map<String, Long> found = new HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.query(sql, Map.of("keys", new HashSet<>(keys).toArray(String[]::new)), rs -> {
                found.put(rs.getString(1), rs.getLong(2));
            });
        }
        return found;
    }

    /** Practices (by FHIR id and ODS code) and practitioners (by FHIR id) into the context, unless it has them. */
    void loadPracticesAndPractitioners(Context context) {
        if (context.practiceByFhirId == null) {
            context.practiceByFhirId = new HashMap<>();
            context.practiceByOds = new HashMap<>();
            jdbc.query("select id, fhir_id, ods_code from practice", rs -> {
                if (rs.getString("fhir_id") != null) {
                    context.practiceByFhirId.put(rs.getString("fhir_id"), rs.getLong("id"));
                }
                context.practiceByOds.put(rs.getString("ods_code"), rs.getLong("id"));
            });
        }
        if (context.practitionerByFhirId == null) {
            context.practitionerByFhirId = new HashMap<>();
            jdbc.query("select id, fhir_id from practitioner", rs -> {
                context.practitionerByFhirId.put(rs.getString("fhir_id"), rs.getLong("id"));
            });
        }
    }

    /** A Patient's practice (always resolved) and GP (when it names one we have). */
    record GeneralPractice(Long practiceId, Long practitionerId) {}

    /**
     * The practice and GP of a Patient's generalPractitioner references, from the context's lookups (load them first).
     * The first Organization reference that resolves is the practice, by FHIR id, else by ODS code.
     */
    static GeneralPractice generalPractice(Patient patient, Context context) throws Rejected {
        Long practiceId = null;
        Long practitionerId = null;
        String unresolvedPractice = null;
        for (Reference gp : patient.getGeneralPractitioner()) {
            String type = referenceType(gp, context.spool);
            if ("Practitioner".equals(type)) {
                String id = referenceId(gp, context.spool);
                practitionerId =
                        practitionerId == null && id != null ? context.practitionerByFhirId.get(id) : practitionerId;
                continue;
            }
            if (practiceId != null) {
                continue;
            }
            String ods = gp.hasIdentifier()
                            && FhirValues.ODS_CODE.equals(gp.getIdentifier().getSystem())
                    ? gp.getIdentifier().getValue()
                    : null;
            String id = gp.hasReference() ? referenceId(gp, context.spool) : null;
            practiceId = id != null ? context.practiceByFhirId.get(id) : null;
            if (practiceId == null && ods != null) {
                practiceId = context.practiceByOds.get(ods.trim());
            }
            if (practiceId == null) {
                unresolvedPractice = describe(gp);
            }
        }
        if (practiceId == null) {
            throw new Rejected(
                    unresolvedPractice != null
                            ? "generalPractitioner " + unresolvedPractice + " is not a practice in the register"
                            : "Patient has no registered practice (generalPractitioner referring to an Organization)");
        }
        return new GeneralPractice(practiceId, practitionerId);
    }
}
