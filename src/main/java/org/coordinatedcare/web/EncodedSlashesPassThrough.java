package org.coordinatedcare.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses {@code %2F} in a path by default; a patient's NHS-number token in {@code /api/patients/{patientId}}
 * needs it (ADR 0019). Passed through undecoded, it stays inside its path segment, so Spring MVC hands the decoded
 * token to the controller and it never separates paths. Spring Security's firewall still refuses encoded slashes
 * outside {@code /api/patients/} ({@code security/PatientReferenceFirewall}).
 */
@Component
class EncodedSlashesPassThrough implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
