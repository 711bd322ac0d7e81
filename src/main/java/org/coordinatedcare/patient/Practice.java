package org.coordinatedcare.patient;

import org.springframework.data.annotation.Id;

/** A GP practice of the primary care network, in its neighbourhood (the footprint of the neighbourhood MDT). */
public record Practice(@Id Long id, String odsCode, String name, String neighbourhood) {

    public static Practice of(String odsCode, String name, String neighbourhood) {
        return new Practice(null, odsCode, name, neighbourhood);
    }
}
