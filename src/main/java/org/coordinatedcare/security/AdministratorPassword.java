package org.coordinatedcare.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Outside the demo, the one administrator's password must come from the environment. Spring leaves an unresolved
 * placeholder as literal text, which would become a guessable password, so the application refuses to start instead,
 * before any bean (and so before the engine creates the administrator).
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
public class AdministratorPassword {

    static final int MINIMUM_LENGTH = 12;

    @Bean
    static BeanFactoryPostProcessor administratorPasswordRequired(Environment environment) {
        return beanFactory -> {
            String password = environment.getProperty("camunda.bpm.admin-user.password", "");
            if (password.isBlank() || password.contains("${") || password.length() < MINIMUM_LENGTH) {
                throw new IllegalStateException("Set ADMIN_PASSWORD (at least " + MINIMUM_LENGTH
                        + " characters) for the administrator account; the postgres profile has no default password.");
            }
        };
    }
}
