package org.coordinatedcare.reference;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reference data every clinician may read: which SNOMED CT codes count as which long-term condition. */
@RestController
public class ReferenceController {

    private final LtcConditions ltcConditions;

    public ReferenceController(LtcConditions ltcConditions) {
        this.ltcConditions = ltcConditions;
    }

    @GetMapping("/api/reference/ltc-conditions")
    List<LtcCondition> ltcConditions() {
        return ltcConditions.all();
    }
}
