package org.coordinatedcare.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A patient's NHS-number token ({@code https://fhir.nhs.uk/Id/nhs-number|9991008179}, ADR 0019) contains slashes, so
 * in {@code /api/patients/{patientId}/...} it arrives URL-encoded ({@code %2F}). The strict firewall refuses encoded
 * slashes everywhere else as before; under {@code /api/patients/} they are allowed (one path segment, never a path
 * separator: Tomcat passes them through undecoded, see {@code web/EncodedSlashesPassThrough}), while traversal,
 * encoded periods and the other strict checks still apply.
 */
@Configuration(proxyBeanMethods = false)
class PatientReferenceFirewall {

    static final String PATIENTS = "/api/patients/";

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall strict = new StrictHttpFirewall();
        StrictHttpFirewall patients = new StrictHttpFirewall();
        patients.setAllowUrlEncodedSlash(true);
        patients.setAllowUrlEncodedDoubleSlash(true);
        // Tomcat leaves %2F encoded in the decoded path, where the strict firewall would take its '%' for a
        // double-encoding attempt; the token is matched against PatientReference's shapes before any lookup
        patients.setAllowUrlEncodedPercent(true);
        return new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                String uri = request.getRequestURI();
                String context = request.getContextPath();
                String path = uri != null && context != null && uri.startsWith(context)
                        ? uri.substring(context.length())
                        : uri;
                return path != null && path.startsWith(PATIENTS)
                        ? patients.getFirewalledRequest(request)
                        : strict.getFirewalledRequest(request);
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }
        };
    }
}
