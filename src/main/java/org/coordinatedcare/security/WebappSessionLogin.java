package org.coordinatedcare.security;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Lets a Tasklist plugin read our API with the webapp login the page already holds (ADR 0021): on a safe method (GET,
 * HEAD) without HTTP Basic credentials, the user that Camunda's webapp session names for our engine becomes the Spring
 * user, with the groups the webapp read at login, just as HTTP Basic would give them. Writes never take the session:
 * a cookie rides along on requests a page did not mean to send, and our API has no CSRF token, so they still need
 * HTTP Basic. Not a bean, so Spring Boot does not register it as a servlet filter of its own: it runs in the API chain.
 */
final class WebappSessionLogin extends OncePerRequestFilter {

    private final String engineName;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    WebappSessionLogin(String engineName) {
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserAuthentication user = safe(request) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? webappUser(request.getSession(false))
                : null;
        if (user != null) {
            List<SimpleGrantedAuthority> groups = user.getGroupIds() == null
                    ? List.of()
                    : user.getGroupIds().stream()
                            .map(SimpleGrantedAuthority::new)
                            .toList();
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, groups));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** Only our own API: the engine REST API keeps HTTP Basic, and the actuator is for administrators' tools. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/");
    }

    private static boolean safe(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private UserAuthentication webappUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return null;
        }
        Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
        return authentication instanceof UserAuthentication user && user.getName() != null ? user : null;
    }
}
