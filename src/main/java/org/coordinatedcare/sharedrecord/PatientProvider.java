package org.coordinatedcare.sharedrecord;

import java.util.ArrayList;
import java.util.List;

import org.coordinatedcare.patient.PatientReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Patient by FHIR id (ADR 0019), search by NHS number, and {@code $everything}: the patient with every resource the
 * shared record holds for them, in one searchset Bundle.
 */
@Component
public class PatientProvider implements IResourceProvider {

    private final VisiblePatients patients;
    private final RegisterResources register;
    private final PathwayResources pathway;
    private final CarePlanResources carePlans;
    private final ReferralResources referrals;

    PatientProvider(
            VisiblePatients patients,
            RegisterResources register,
            PathwayResources pathway,
            CarePlanResources carePlans,
            ReferralResources referrals) {
        this.patients = patients;
        this.register = register;
        this.pathway = pathway;
        this.carePlans = carePlans;
        this.referrals = referrals;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return register.patient(patients.byReference(id.getIdPart()));
    }

    /** {@code identifier=https://fhir.nhs.uk/Id/nhs-number|<number>}: what a system that knows only that sends. */
    @Search
    public List<Patient> byNhsNumber(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier) {
        if (!PatientReference.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
            throw new InvalidRequestException(
                    "Search patients by NHS number: identifier=" + PatientReference.NHS_NUMBER_SYSTEM + "|<number>.");
        }
        String token = PatientReference.NHS_NUMBER_SYSTEM + "|" + identifier.getValue();
        if (!PatientReference.isWellFormed(token)) {
            throw new InvalidRequestException("An NHS number has 10 digits.");
        }
        return List.of(register.patient(patients.byReference(token)));
    }

    @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider everything(@IdParam IdType id) {
        PatientRecord record = patients.byReference(id.getIdPart());
        List<Resource> all = new ArrayList<>();
        all.add(register.patient(record));
        all.addAll(register.conditions(record));
        all.addAll(pathway.episodesOfCare(record));
        all.addAll(pathway.careTeams(record));
        all.addAll(carePlans.carePlans(record));
        all.addAll(carePlans.goals(record));
        all.addAll(referrals.serviceRequests(record));
        // every entry is what the operation asked for, so each is a match of this "search"
        all.forEach(
                resource -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.MATCH));
        return new SimpleBundleProvider(new ArrayList<IBaseResource>(all));
    }
}
