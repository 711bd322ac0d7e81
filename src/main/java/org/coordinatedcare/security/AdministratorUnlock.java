package org.coordinatedcare.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Lifts any login lock of the configured administrator ({@code camunda.bpm.admin-user.id}, {@code ADMIN_USER} in the
 * {@code postgres} profile) at every start. Wrong passwords lock a user for a while (Camunda's login throttling, see
 * {@code application.yaml}); someone who keeps guessing keeps the lock on, and an install with one administrator has
 * nobody else to unlock them. Whoever can restart the server is trusted with it already, so a restart is the way back
 * in. The password stays as it is: the starter creates the administrator once and never resets the password.
 */
@Component
@ConditionalOnProperty("camunda.bpm.admin-user.id")
public class AdministratorUnlock implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdministratorUnlock.class);

    private final IdentityService identityService;
    private final String administrator;

    public AdministratorUnlock(
            IdentityService identityService, @Value("${camunda.bpm.admin-user.id}") String administrator) {
        this.identityService = identityService;
        this.administrator = administrator;
    }

    @Override
    public void run(ApplicationArguments args) {
        User user = identityService.createUserQuery().userId(administrator).singleResult();
        if (user == null) {
            return;
        }
        boolean locked = user instanceof UserEntity entity
                && (entity.getAttempts() > 0 || entity.getLockExpirationTime() != null);
        // as the system (no user authenticated), so no authorization check applies
        identityService.unlockUser(administrator);
        if (locked) {
            log.info("Lifted the login lock of administrator '{}' at start", administrator);
        }
    }
}
