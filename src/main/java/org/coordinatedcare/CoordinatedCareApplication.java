package org.coordinatedcare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The coordinated-care pathway engine: Camunda 7 runs the pathway, our tables hold the clinical record. */
@SpringBootApplication
public class CoordinatedCareApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoordinatedCareApplication.class, args);
    }
}
