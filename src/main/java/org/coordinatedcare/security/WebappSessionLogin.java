package org.coordinatedcare.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
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
 * user, with the groups the identity service gives them now (not those the webapp read at login, so someone moved out
 * of a practice loses its patients at once), just as HTTP Basic would give them. Writes never take the session:
 * a cookie rides along on requests a page did not mean to send, and our API has no CSRF token, so they still need
 * HTTP Basic. One exception, for the rule preview page in Cockpit: a POST to exactly one of the {@link #PREVIEWS}, which
 * write nothing, takes the session when it carries Camunda's own CSRF token ({@code X-XSRF-TOKEN}) equal to the one
 * Camunda's CSRF filter keeps in that session; another page cannot read that token, so it cannot send it. Not a bean, so
 * Spring Boot does not register it as a servlet filter of its own: it runs in the API chain.
 */
final class WebappSessionLogin extends OncePerRequestFilter {

    /** The only writes that take the session (with the CSRF token): rule previews, which write nothing (ADR 0029). */
    static final Set<String> PREVIEWS = Set.of(
            "/api/case-finding/preview",
            "/api/pathway-rules/preview/coordinator-trigger",
            "/api/pathway-rules/preview/mdt-review-interval");

    private final String engineName;
    private final IdentityService identityService;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    WebappSessionLogin(String engineName, IdentityService identityService) {
        this.engineName = engineName;
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserAuthentication user =
                (safe(request) || previewWithToken(request)) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                        ? webappUser(request.getSession(false))
                        : null;
        if (user != null
                && identityService.createUserQuery().userId(user.getName()).count() == 1) {
            List<SimpleGrantedAuthority> groups =
                    identityService.createGroupQuery().groupMember(user.getName()).list().stream()
                            .map(group -> new SimpleGrantedAuthority(group.getId()))
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

    /**
     * A POST to one of the previews whose {@code X-XSRF-TOKEN} header equals, compared in constant time, the token
     * Camunda's {@code CsrfPreventionFilter} stored in the webapp session.
     */
    private static boolean previewWithToken(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || !PREVIEWS.contains(request.getRequestURI()
                        .substring(request.getContextPath().length()))) {
            return false;
        }
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        HttpSession session = request.getSession(false);
        Object stored = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return sent != null
                && !sent.isEmpty()
                && stored instanceof String token
                && !token.isEmpty()
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
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
