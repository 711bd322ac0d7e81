package org.coordinatedcare.sharedrecord;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Read and search by patient for a type drawn from a patient's record. A read finds the record's owner first and
 * applies the practice rules to them, then serves the resource exactly as the patient's search would.
 */
public final class PatientScopedProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final VisiblePatients patients;
    private final Function<PatientRecord, List<T>> resources;
    private final LongFunction<Optional<Long>> owner;

    /**
     * @param resources every resource of this type in the patient's record
     * @param owner the row id of the patient who owns the record with this id, if there is one
     */
    PatientScopedProvider(
            Class<T> type,
            VisiblePatients patients,
            Function<PatientRecord, List<T>> resources,
            LongFunction<Optional<Long>> owner) {
        this.type = type;
        this.patients = patients;
        this.resources = resources;
        this.owner = owner;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read
    public T read(@IdParam IdType id) {
        String resource = getResourceType().getSimpleName() + "/" + id.getIdPart();
        long rowId;
        try {
            rowId = Long.parseLong(id.getIdPart());
        } catch (NumberFormatException e) {
            throw VisiblePatients.notFound(resource);
        }
        PatientRecord record = patients.byRowId(owner.apply(rowId).orElse(null), resource);
        return resources.apply(record).stream()
                .filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart()))
                .findFirst()
                .orElseThrow(() -> VisiblePatients.notFound(resource));
    }

    @Search
    public List<T> byPatient(@RequiredParam(name = "patient") ReferenceParam patient) {
        if (patient.getChain() != null
                || (patient.getResourceType() != null && !"Patient".equals(patient.getResourceType()))) {
            throw new InvalidRequestException("Name the patient by their FHIR Patient id: patient=Patient/<id>.");
        }
        return resources.apply(patients.byReference(patient.getIdPart()));
    }
}
