package org.coordinatedcare.episode;

import org.coordinatedcare.reference.LtcConditions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many long-term conditions a patient has: the distinct LTC categories ({@code ltc_condition}) among the patient's
 * active conditions ({@link LtcConditions#ACTIVE_CONDITION}), so hypertension coded twice counts once and a code outside
 * the LTC definition not at all. Case finding passes the same count as {@code ltcCount}.
 */
@Component
public class LongTermConditionCount {

    private final JdbcClient jdbc;

    public LongTermConditionCount(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int of(long patientId) {
        return jdbc.sql("select count(distinct l.ltc_category) from patient_condition c"
                        + " join ltc_condition l on l.snomed_code = c.snomed_code"
                        + " where c.patient_id = ? and " + LtcConditions.ACTIVE_CONDITION)
                .param(patientId)
                .query(Integer.class)
                .single();
    }
}
