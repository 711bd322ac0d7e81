package org.coordinatedcare.fhir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.uhn.fhir.context.FhirContext;

/** One HAPI FHIR R4 context for the application: it is expensive to create and thread-safe once built. */
@Configuration(proxyBeanMethods = false)
public class FhirConfig {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
