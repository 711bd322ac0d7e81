package org.coordinatedcare.security;

import java.util.ArrayList;
import java.util.List;

import org.coordinatedcare.team.ProfessionalRole;

/** The Camunda groups of the product besides the professional roles. */
public final class Roles {

    /** Monitors pathways in Cockpit: reads every instance and its history, completes no task. */
    public static final String MANAGER = "manager";
    /** Redesigns and deploys diagrams, decisions and forms. */
    public static final String PROCESS_OWNER = "process-owner";
    /** System accounts of GP and hospital feeds: may import FHIR into the register ({@code POST /api/fhir/import}). */
    public static final String REGISTER_IMPORT = "register-import";
    /** Scrape accounts of a Prometheus server: read {@code /actuator/prometheus} and nothing else of the actuator. */
    public static final String METRICS_SCRAPE = "metrics-scrape";
    /** Camunda's own administrators group. */
    public static final String ADMIN = "camunda-admin";

    private Roles() {}

    /** Every group that works tasks in Tasklist. */
    public static List<String> clinicalGroups() {
        List<String> groups = new ArrayList<>();
        for (ProfessionalRole role : ProfessionalRole.values()) {
            groups.add(role.group());
        }
        groups.add(ProfessionalRole.CLINICAL_LEAD_GROUP);
        return groups;
    }
}
