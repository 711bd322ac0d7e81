package org.coordinatedcare.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * One set of accounts for everything: our API and the engine REST API log in against the Camunda users that Tasklist
 * and Cockpit use, and a user's Camunda groups become their Spring authorities.
 */
@Component
public class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    public CamundaUserAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    /**
     * Through the engine's {@code checkPassword}, as the webapps' login is, so one login throttle applies to both: a
     * user locked after a wrong password is refused (401, like any wrong password) until the lock expires, even with
     * the right password, and a wrong password here delays the user's next webapp login too.
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || credentials == null || !identityService.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .map(SimpleGrantedAuthority::new)
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
