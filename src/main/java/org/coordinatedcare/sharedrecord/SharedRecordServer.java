package org.coordinatedcare.sharedrecord;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * HAPI FHIR's plain server at {@code /fhir/*}. Spring Security's HTTP Basic chain has logged the user in, and the
 * security package's filter runs each request as them in the engine too, so {@code PracticeAccess} applies our API's
 * practice rules. A request that arrives without a login is refused here as well: with no engine user the practice
 * rules would let everything pass.
 */
public class SharedRecordServer extends RestfulServer {

    SharedRecordServer(FhirContext fhir, List<IResourceProvider> providers) {
        super(fhir);
        setResourceProviders(providers);
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setServerName("Coordinated care shared record");
        setImplementationDescription(
                "The coordinated-care pathway of a patient: conditions, episodes, care teams, care plans and referrals");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        super.service(request, response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ServletRegistrationBean<SharedRecordServer> sharedRecordServlet(
                FhirContext fhir, List<IResourceProvider> providers) {
            ServletRegistrationBean<SharedRecordServer> registration =
                    new ServletRegistrationBean<>(new SharedRecordServer(fhir, providers), "/fhir/*");
            registration.setName("shared-record-fhir");
            return registration;
        }
    }
}
