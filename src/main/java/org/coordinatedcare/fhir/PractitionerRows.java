package org.coordinatedcare.fhir;

import static org.coordinatedcare.fhir.BatchUpsert.insertAll;
import static org.coordinatedcare.fhir.FhirValues.name;
import static org.coordinatedcare.fhir.FhirValues.truncate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.coordinatedcare.fhir.BatchUpsert.Row;
import org.coordinatedcare.fhir.RegisterWriter.Context;
import org.coordinatedcare.fhir.RegisterWriter.Parsed;
import org.coordinatedcare.fhir.RegisterWriter.Result;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;

/** Practitioner → practitioner: the official (else first) name and the SDS user id; matched by FHIR id. */
final class PractitionerRows {

    // one statement per batch: see BatchUpsert.insertAll
    private static final String INSERT_PRACTITIONERS = insertAll(
            "practitioner", "fhir_id varchar", "given_name varchar", "family_name varchar", "sds_user_id varchar");

    private final BatchUpsert upsert;

    PractitionerRows(BatchUpsert upsert) {
        this.upsert = upsert;
    }

    record PractitionerValues(String fhirId, String givenName, String familyName, String sdsUserId) {}

    void write(List<Parsed> batch, Result result, Context context) {
        List<Row<PractitionerValues>> rows = new ArrayList<>();
        for (Parsed parsed : batch) {
            Practitioner practitioner = (Practitioner) parsed.resource();
            HumanName name = name(practitioner.getName());
            if (name == null || !name.hasFamily()) {
                result.reject(parsed, "Practitioner has no family name");
                continue;
            }
            rows.add(new Row<>(
                    parsed,
                    new PractitionerValues(
                            parsed.fhirId(),
                            truncate(name.getGivenAsSingleString(), 100),
                            truncate(name.getFamily(), 100),
                            truncate(
                                    FhirValues.identifier(practitioner.getIdentifier(), FhirValues.SDS_USER_ID), 20))));
        }
        upsert.write(
                rows,
                v -> List.of("f:" + v.fhirId()),
                values -> upsert.existing(
                        "select fhir_id, id, given_name, family_name, sds_user_id from practitioner where fhir_id = any(:fhirIds)",
                        Map.of(
                                "fhirIds",
                                values.stream().map(PractitionerValues::fhirId).toList()),
                        (rs, n) -> new PractitionerValues(
                                rs.getString("fhir_id"),
                                rs.getString("given_name"),
                                rs.getString("family_name"),
                                rs.getString("sds_user_id")),
                        v -> List.of("f:" + v.fhirId())),
                null,
                INSERT_PRACTITIONERS,
                "update practitioner set given_name = :givenName, family_name = :familyName, sds_user_id = :sdsUserId where id = :id",
                result);
        context.practitionerByFhirId = null;
    }
}
