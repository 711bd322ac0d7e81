package org.coordinatedcare.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.coordinatedcare.CoordinatedCareApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class PostgresProfileTest {

    @Test
    void refusesToStartWithoutAnAdministratorPassword() {
        SpringApplicationBuilder app =
                new SpringApplicationBuilder(CoordinatedCareApplication.class).profiles("postgres");
        // everything but the password is given, on an in-memory database
        assertThatThrownBy(() -> app.run(
                                "--spring.datasource.url=jdbc:h2:mem:no-admin-password;DB_CLOSE_DELAY=-1",
                                "--spring.datasource.username=sa",
                                "--server.port=0",
                                "--camunda.bpm.job-execution.enabled=false")
                        .close())
                .hasStackTraceContaining("ADMIN_PASSWORD");
    }
}
