package org.coordinatedcare.sharedrecord;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
import ca.uhn.fhir.validation.ValidationResult;

/**
 * HAPI's instance validator against the base R4 specification, built once per test JVM: loading the base profiles
 * and code systems is its cost, the first validation compiles them. No terminology server: SNOMED CT codes cannot be
 * checked here, so the validator reports them as warnings or information, never as errors.
 */
final class BaseR4 {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final FhirValidator VALIDATOR = build();

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private BaseR4() {}

    private static FhirValidator build() {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR));
        return FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    /** The errors (and fatal errors) the validator finds in the resource, as readable lines; empty when it is valid. */
    static List<String> errors(IBaseResource resource) {
        long start = System.nanoTime();
        ValidationResult result = VALIDATOR.validateWithResult(resource);
        if (WARMED_UP.compareAndSet(false, true)) {
            // the first validation loads and compiles base R4: the test-time cost of the validator, paid once
            System.out.printf("Instance validator warmed up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(BaseR4::line)
                .toList();
    }

    private static String line(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
