package org.coordinatedcare.sharedrecord;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's instance validator against the base R4 specification, built once per test JVM: loading the base profiles
 * and code systems is its cost, the first validation compiles them. No terminology server: SNOMED CT codes cannot be
 * checked here, so the validator reports them as warnings or information, never as errors.
 */
final class BaseR4 {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final FhirValidator VALIDATOR = build();

    /** How long building the validator took, for the test log. */
    static long buildMillis;

    private BaseR4() {}

    private static FhirValidator build() {
        long start = System.nanoTime();
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        buildMillis = (System.nanoTime() - start) / 1_000_000;
        return validator;
    }

    /** The errors (and fatal errors) the validator finds in the resource, as readable lines; empty when it is valid. */
    static List<String> errors(IBaseResource resource) {
        return VALIDATOR.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(BaseR4::line)
                .toList();
    }

    private static String line(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
