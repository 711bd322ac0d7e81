package org.coordinatedcare.sharedrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.coordinatedcare.Diagram.CarePlanning;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.Diagram.MdtReview;
import org.coordinatedcare.Diagram.Messages;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.patient.Patient;
import org.coordinatedcare.patient.PatientReference;
import org.coordinatedcare.system.LiveServerTestSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * The shared record at {@code /fhir} as another system meets it: HAPI's generic client with HTTP Basic, every resource
 * it gets checked by HAPI's instance validator against base R4, and the practice rules of our API.
 */
class SharedRecordFhirTest extends LiveServerTestSupport {

    /** A Borough patient on drpatel's pathway with two plan versions (the MDT asked for an update) and a referral. */
    private Patient withTwoPlanVersionsAndAReferral() {
        Patient patient = atCarePlanningMeeting();
        complete(patient, CarePlanning.HOLD_CARE_PLANNING_MEETING, FormAnswers.of(FormAnswers.CARE_PLANNING_MEETING));
        complete(patient, CoordinatedCare.CONFIRM_REFERRALS, "referralTypes", List.of("SOCIAL_PRESCRIBING"));
        runtime.createMessageCorrelation(Messages.HOSPITAL_EVENT_REPORTED)
                .processInstanceBusinessKey(patient.fhirId())
                .correlate();
        runJobs();
        complete(
                patient,
                MdtReview.HOLD_MDT_REVIEW,
                FormAnswers.with(FormAnswers.HOLD_MDT_REVIEW, "mdtOutcome", "updatePlan"));
        complete(patient, CarePlanning.HOLISTIC_ASSESSMENT, FormAnswers.of(FormAnswers.HOLISTIC_ASSESSMENT));
        complete(
                patient,
                CarePlanning.HOLD_CARE_PLANNING_MEETING,
                FormAnswers.with(FormAnswers.CARE_PLANNING_MEETING, "goals", "Walk 30 minutes a day"));
        return patient;
    }

    private IGenericClient client(String user) {
        BaseR4.FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = BaseR4.FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BasicAuthInterceptor(user, "demo"));
        return client;
    }

    private static void assertValid(IBaseResource resource) {
        assertThat(BaseR4.errors(resource))
                .as("validation errors in " + resource.getIdElement().getValue() + " " + resource.fhirType())
                .isEmpty();
    }

    @Test
    void servesACapabilityStatementThatValidates() {
        Reply metadata = get("drlee", "/fhir/metadata");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().path("resourceType").asText()).isEqualTo("CapabilityStatement");

        CapabilityStatement statement =
                client("drlee").capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(statement.getRestFirstRep().getResource())
                .extracting(r -> r.getType())
                .contains("Patient", "Condition", "EpisodeOfCare", "CareTeam", "CarePlan", "Goal", "ServiceRequest");
        assertValid(statement);
    }

    @Test
    void anotherSystemReadsThePathwayBackAndEveryResourceValidatesAgainstBaseR4() {
        Patient patient = withTwoPlanVersionsAndAReferral();
        IGenericClient fhir = client("drlee");

        org.hl7.fhir.r4.model.Patient read = fhir.read()
                .resource(org.hl7.fhir.r4.model.Patient.class)
                .withId(patient.fhirId())
                .execute();
        assertThat(read.getIdElement().getIdPart()).isEqualTo(patient.fhirId());
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Tester");
        assertThat(read.getManagingOrganization().getIdentifier().getValue()).isEqualTo("A10001");
        assertValid(read);

        Bundle everything = fhir.operation()
                .onInstance(new IdType("Patient", patient.fhirId()))
                .named("$everything")
                .withNoParameters(Parameters.class)
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        assertThat(everything.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(everything.getEntry())
                .allSatisfy(e -> assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH));
        List<Resource> resources = everything.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
        Map<String, Long> byType =
                resources.stream().collect(Collectors.groupingBy(Resource::fhirType, Collectors.counting()));
        assertThat(byType)
                .containsEntry("Patient", 1L)
                .containsEntry("Condition", 3L)
                .containsEntry("EpisodeOfCare", 1L)
                .containsEntry("CareTeam", 1L)
                .containsEntry("CarePlan", 2L)
                .containsEntry("Goal", 2L)
                .containsEntry("ServiceRequest", 1L);
        // no row id of the patient in any answer: every reference to them is their FHIR id
        assertThat(BaseR4.FHIR.newJsonParser().encodeResourceToString(everything))
                .doesNotContain("Patient/" + patient.id() + "\"");

        List<CarePlan> plans = of(resources, CarePlan.class);
        CarePlan first = plans.get(0);
        CarePlan second = plans.get(1);
        assertThat(first.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(second.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(second.getReplacesFirstRep().getReferenceElement().getIdPart())
                .isEqualTo(first.getIdElement().getIdPart());
        assertThat(first.getReplaces()).isEmpty();
        assertThat(second.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
        assertThat(second.getDescription()).contains("Walking to church on Sundays");
        assertThat(second.getActivity()).hasSize(2);
        assertThat(second.getActivityFirstRep()
                        .getDetail()
                        .getPerformerFirstRep()
                        .getDisplay())
                .isEqualTo("Practice nurse");
        Goal secondGoal = of(resources, Goal.class).stream()
                .filter(g -> g.getIdElement()
                        .getIdPart()
                        .equals(second.getIdElement().getIdPart()))
                .findFirst()
                .orElseThrow();
        assertThat(secondGoal.getDescription().getText()).isEqualTo("Walk 30 minutes a day");

        EpisodeOfCare episode = of(resources, EpisodeOfCare.class).get(0);
        assertThat(episode.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
        assertThat(episode.getCareManager().getDisplay()).contains("Patel");
        CareTeam team = of(resources, CareTeam.class).get(0);
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getText())
                .contains("Named professional", "MDT member: GP", "MDT member: social worker");

        ServiceRequest referral = of(resources, ServiceRequest.class).get(0);
        assertThat(referral.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(referral.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(referral.getCode().getCodingFirstRep().getCode()).isEqualTo("871731000000106");

        List<String> errors = new ArrayList<>();
        for (Resource resource : resources) {
            BaseR4.errors(resource)
                    .forEach(e -> errors.add(resource.fhirType() + "/" + resource.getIdPart() + " " + e));
        }
        BaseR4.errors(everything).forEach(e -> errors.add("Bundle " + e));
        assertThat(errors).isEmpty();

        // each type's search by patient and read by id answer the same resources
        Bundle searched = fhir.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasId(patient.fhirId()))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(searched.getEntry()).hasSize(2);
        CarePlan readPlan = fhir.read()
                .resource(CarePlan.class)
                .withId(second.getIdElement().getIdPart())
                .execute();
        assertThat(readPlan.getReplacesFirstRep().getReference())
                .isEqualTo(second.getReplacesFirstRep().getReference());
        assertValid(readPlan);
        assertThat(fhir.search()
                        .forResource(Condition.class)
                        .where(Condition.PATIENT.hasId(patient.fhirId()))
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .hasSize(3);

        // a manager reads every practice
        assertThat(client("manager")
                        .read()
                        .resource(CarePlan.class)
                        .withId(second.getIdElement().getIdPart())
                        .execute()
                        .getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    }

    @Test
    void aDemoPatientIsFoundByNhsNumberAndCarriesItAsAnIdentifier() {
        Patient demo = patients
                .findByPracticeId(
                        practices.findByOdsCode("A10001").orElseThrow().id())
                .stream()
                .filter(p -> p.nhsNumber() != null)
                .findFirst()
                .orElseThrow();
        Bundle found = client("drpatel")
                .search()
                .forResource(org.hl7.fhir.r4.model.Patient.class)
                .where(org.hl7.fhir.r4.model.Patient.IDENTIFIER
                        .exactly()
                        .systemAndIdentifier(PatientReference.NHS_NUMBER_SYSTEM, demo.nhsNumber()))
                .returnBundle(Bundle.class)
                .execute();
        org.hl7.fhir.r4.model.Patient patient =
                (org.hl7.fhir.r4.model.Patient) found.getEntryFirstRep().getResource();
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(demo.fhirId());
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(demo.nhsNumber());
        assertValid(patient);
        assertThat(BaseR4.errors(found)).isEmpty();
    }

    @Test
    void anotherPracticesClinicianGetsNotFoundAndNoData() {
        Patient patient = withTwoPlanVersionsAndAReferral();
        IGenericClient borough = client("drlee");
        String planId = borough.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasId(patient.fhirId()))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
        String conditionId = borough.search()
                .forResource(Condition.class)
                .where(Condition.PATIENT.hasId(patient.fhirId()))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();

        for (String path : List.of(
                "/fhir/Patient/" + patient.fhirId(),
                "/fhir/Patient/" + patient.fhirId() + "/$everything",
                "/fhir/CarePlan?patient=" + patient.fhirId(),
                "/fhir/ServiceRequest?patient=Patient/" + patient.fhirId(),
                "/fhir/CarePlan/" + planId,
                "/fhir/Goal/" + planId,
                "/fhir/Condition/" + conditionId,
                "/fhir/Patient/no-such-patient")) {
            Reply reply = get("drwright", path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().path("resourceType").asText()).as(path).isEqualTo("OperationOutcome");
            assertThat(reply.text()).as(path).doesNotContain(patient.givenName(), "Walking to church");
        }
        assertThatThrownBy(() -> client("drwright")
                        .read()
                        .resource(org.hl7.fhir.r4.model.Patient.class)
                        .withId(patient.fhirId())
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        // a system account that imports the register reads no one
        assertThat(get("gpfeed", "/fhir/Patient/" + patient.fhirId()).status()).isEqualTo(404);
    }

    @Test
    void withoutALoginNothingIsServed() {
        Patient patient = newPatient("A10001");
        assertThat(get(null, "/fhir/metadata").status()).isEqualTo(401);
        Reply reply = get(null, "/fhir/Patient/" + patient.fhirId());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text()).doesNotContain(patient.givenName());
        assertThat(send("drlee", "GET", "/fhir/Patient/" + patient.fhirId(), null, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSearchWithoutAPatientOrByAnotherKeyIsABadRequest() {
        Reply noPatient = get("drlee", "/fhir/CarePlan");
        assertThat(noPatient.status()).isEqualTo(400);
        assertThat(noPatient.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        Reply chained = get("drlee", "/fhir/CarePlan?patient.name=Tester");
        assertThat(chained.status()).isEqualTo(400);
        assertThat(chained.text()).doesNotContain("at org.", "Exception");
    }

    private static <T extends Resource> List<T> of(List<Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
