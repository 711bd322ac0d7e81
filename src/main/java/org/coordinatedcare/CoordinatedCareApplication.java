package org.coordinatedcare;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The coordinated-care pathway engine: Camunda 7 runs the pathway, our tables hold the clinical record. */
@SpringBootApplication
public class CoordinatedCareApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoordinatedCareApplication.class, commandLine(args));
    }

    /** An import run ({@code --import=DIR}) listens on a random port, so it runs beside a running server. */
    static String[] commandLine(String[] args) {
        boolean importing = Arrays.stream(args).anyMatch(a -> a.startsWith("--import="));
        boolean portGiven = Arrays.stream(args).anyMatch(a -> a.startsWith("--server.port="));
        return importing && !portGiven
                ? Stream.concat(Arrays.stream(args), Stream.of("--server.port=0"))
                        .toArray(String[]::new)
                : args;
    }
}
