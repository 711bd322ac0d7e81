package org.coordinatedcare.benchmark.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up floor: Spring Boot with the same Camunda starters (engine, webapps, REST), datasource and engine
 * settings as the application, but none of our beans, migrations or deployments (it scans only this package).
 */
@SpringBootApplication
public class BareEngineApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareEngineApplication.class, args);
    }
}
