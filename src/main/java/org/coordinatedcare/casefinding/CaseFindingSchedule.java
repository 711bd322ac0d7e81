package org.coordinatedcare.casefinding;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When the scheduled run starts: {@code case-finding.schedule} (a Camunda cron cycle, default 06:00 on the 1st of every
 * month), read by the timer start event of case-finding.bpmn as {@code ${caseFindingSchedule.cycle}}.
 */
@Component("caseFindingSchedule")
public class CaseFindingSchedule {

    private final String cycle;

    public CaseFindingSchedule(@Value("${case-finding.schedule:0 0 6 1 * ?}") String cycle) {
        this.cycle = cycle;
    }

    public String getCycle() {
        return cycle;
    }
}
