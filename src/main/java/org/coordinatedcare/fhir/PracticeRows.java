package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.truncate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.coordinatedcare.fhir.BatchUpsert.Row;
import org.coordinatedcare.fhir.RegisterWriter.Context;
import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.StringType;

/**
 * Organization → practice: the ODS code and name, and the neighbourhood from our extension, the address district or
 * town. A practice matches an existing row by FHIR id or ODS code; one without a neighbourhood keeps the one it has.
 */
final class PracticeRows {

    /** Neighbourhood of a practice, when the Organization carries it: an extension with a valueString. */
    static final String NEIGHBOURHOOD_EXTENSION = "https://coordinatedcare.org/fhir/StructureDefinition/neighbourhood";

    static final String UNASSIGNED_NEIGHBOURHOOD = "Unassigned";
    // one statement per batch: see BatchUpsert.insertAll
    private static final String INSERT_PRACTICES =
            insertAll("practice", "fhir_id varchar", "ods_code varchar", "name varchar", "neighbourhood varchar");

    private final BatchUpsert upsert;

    PracticeRows(BatchUpsert upsert) {
        this.upsert = upsert;
    }

    record PracticeValues(String fhirId, String odsCode, String name, String neighbourhood) {}

    void write(List<Parsed> batch, Result result, Context context) {
        List<Row<PracticeValues>> rows = new ArrayList<>();
        for (Parsed parsed : batch) {
            Organization organization = (Organization) parsed.resource();
            String ods = FhirValues.identifier(organization.getIdentifier(), FhirValues.ODS_CODE);
            if (ods == null) {
                result.reject(parsed, "Organization has no ODS code (identifier system " + FhirValues.ODS_CODE + ")");
            } else if (ods.length() > 10) {
                result.reject(parsed, "ODS code '" + ods + "' is longer than 10 characters");
            } else if (!organization.hasName()) {
                result.reject(parsed, "Organization has no name");
            } else {
                rows.add(new Row<>(
                        parsed,
                        new PracticeValues(
                                parsed.fhirId(),
                                ods,
                                truncate(organization.getName(), 200),
                                neighbourhood(organization))));
            }
        }
        upsert.write(
                rows,
                v -> List.of("f:" + v.fhirId(), "o:" + v.odsCode()),
                values -> upsert.existing(
                        "select id, fhir_id, ods_code, name, neighbourhood from practice where fhir_id = any(:fhirIds) "
                                + "union select id, fhir_id, ods_code, name, neighbourhood from practice where ods_code = any(:odsCodes)",
                        Map.of(
                                "fhirIds",
                                values.stream().map(PracticeValues::fhirId).toList(),
                                "odsCodes",
                                values.stream().map(PracticeValues::odsCode).toList()),
                        (rs, n) -> new PracticeValues(
                                rs.getString("fhir_id"),
                                rs.getString("ods_code"),
                                rs.getString("name"),
                                rs.getString("neighbourhood")),
                        v -> List.of("f:" + v.fhirId(), "o:" + v.odsCode())),
                // no neighbourhood in the source: keep the one we have, or mark it unassigned
                (incoming, old) -> incoming.neighbourhood() != null
                        ? incoming
                        : new PracticeValues(
                                incoming.fhirId(),
                                incoming.odsCode(),
                                incoming.name(),
                                old != null ? old.neighbourhood() : UNASSIGNED_NEIGHBOURHOOD),
                INSERT_PRACTICES,
                "update practice set fhir_id = :fhirId, ods_code = :odsCode, name = :name, neighbourhood = :neighbourhood where id = :id",
                result);
        context.practiceByFhirId = null;
    }

    /** The neighbourhood extension, else the address district, else the town; null when none is given. */
    static String neighbourhood(Organization organization) {
        Extension extension = organization.getExtensionByUrl(NEIGHBOURHOOD_EXTENSION);
        if (extension != null && extension.getValue() instanceof StringType text && text.hasValue()) {
            return truncate(text.getValue(), 100);
        }
        return organization.getAddress().stream()
                .map(a -> a.hasDistrict() ? a.getDistrict() : a.hasCity() ? a.getCity() : null)
                .filter(Objects::nonNull)
                .findFirst()
                .map(s -> truncate(s, 100))
                .orElse(null);
    }
}
