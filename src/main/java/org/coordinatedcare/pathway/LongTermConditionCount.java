package org.coordinatedcare.pathway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many long-term conditions a patient has, when case finding did not say: the distinct SNOMED CT codes among the
 * patient's active (not abated) conditions. Case finding passes its own, category-based count as {@code ltcCount}.
 */
@Component
public class LongTermConditionCount {

    private final JdbcClient jdbc;

    public LongTermConditionCount(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int of(long patientId) {
        return jdbc.sql("select count(distinct snomed_code) from patient_condition where patient_id = ? and abatement_date is null")
                .param(patientId)
                .query(Integer.class)
                .single();
    }
}
