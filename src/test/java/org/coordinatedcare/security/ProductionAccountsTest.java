package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.coordinatedcare.CoordinatedCareApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The production profile's accounts: one administrator with the password from the environment, no demo logins. */
class ProductionAccountsTest {

    @Test
    void thePostgresProfileCreatesOneAdministratorAndNoDemoUsers() {
        SpringApplicationBuilder app =
                new SpringApplicationBuilder(CoordinatedCareApplication.class).profiles("postgres");
        try (ConfigurableApplicationContext context = app.run(
                "--spring.datasource.url=jdbc:h2:mem:production-accounts;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                // the profile's PostgreSQL session setting (SET jit = off) means nothing to H2
                "--spring.datasource.hikari.connection-init-sql=SELECT 1",
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.webapp.enabled=false",
                "--ADMIN_USER=pcnadmin",
                "--ADMIN_PASSWORD=a-long-secret-from-the-environment")) {
            IdentityService identity = context.getBean(IdentityService.class);

            assertThat(identity.createUserQuery().list())
                    .extracting(User::getId)
                    .containsExactly("pcnadmin");
            assertThat(identity.checkPassword("pcnadmin", "a-long-secret-from-the-environment"))
                    .isTrue();
            assertThat(identity.createUserQuery()
                            .userId("pcnadmin")
                            .memberOfGroup(Roles.ADMIN)
                            .count())
                    .isEqualTo(1);
            // the groups exist (so an administrator can enrol the team), their demo members do not
            assertThat(identity.createGroupQuery().groupId(Roles.MANAGER).count())
                    .isEqualTo(1);
            assertThat(identity.createUserQuery().memberOfGroup(Roles.MANAGER).count())
                    .isZero();
        }
    }
}
