package org.coordinatedcare.pathway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many long-term conditions a patient has, when case finding did not say: the distinct SNOMED CT codes among the
 * patient's active conditions: not abated, not resolved, inactive or in remission, and not refuted or entered in error
 * (the FHIR statuses an import stores). Case finding passes its own, category-based count as {@code ltcCount}.
 */
@Component
public class LongTermConditionCount {

    private final JdbcClient jdbc;

    public LongTermConditionCount(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int of(long patientId) {
        return jdbc.sql("""
                        select count(distinct snomed_code) from patient_condition
                        where patient_id = ? and abatement_date is null
                          and (clinical_status is null or clinical_status not in ('inactive', 'resolved', 'remission'))
                          and (verification_status is null or verification_status not in ('refuted', 'entered-in-error'))""")
                .param(patientId)
                .query(Integer.class)
                .single();
    }
}
