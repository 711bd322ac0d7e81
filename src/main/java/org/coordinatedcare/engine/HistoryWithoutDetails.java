package org.coordinatedcare.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.coordinatedcare.form.FormContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Registers the history level {@value #NAME}, the default (ADR 0015): everything Camunda's {@code full} level keeps
 * (the user operation log, decision inputs and outputs, job log, incidents, candidate links) except its details, the
 * extra copy of a variable's value written on every change and of every submitted form field ({@code ACT_HI_DETAIL}).
 * A variable's own history ({@code ACT_HI_VARINST}) still holds its last value. The pathway's variables are ids and
 * flags, its clinical record is in our tables and audit trail, and nothing our users open reads the details, which
 * were a third of the history rows a pathway wrote. Nor does it write what {@link TechnicalHistory} finds would only
 * repeat: counters, server-set ids, decision results, copies into called processes, and gateways and plain events
 * (ADR 0031).
 */
@Component
public class HistoryWithoutDetails extends AbstractProcessEnginePlugin {

    public static final String NAME = "full-without-details";

    /** Stored in the database; the engine refuses to start when the stored level differs from the configured one. */
    public static final int ID = 13;

    private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(
            HistoryEventTypes.ACTIVITY_INSTANCE_START,
            HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
            HistoryEventTypes.ACTIVITY_INSTANCE_END);

    static final HistoryLevel LEVEL = new HistoryLevel() {
        @Override
        public int getId() {
            return ID;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
                    || eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE) {
                return false;
            }
            if (entity instanceof VariableInstance variable) {
                return !isFormContext(variable) && !TechnicalHistory.isTechnical(variable);
            }
            if (entity instanceof DelegateExecution execution && ACTIVITY_EVENTS.contains(eventType)) {
                return !TechnicalHistory.onlyRoutes(execution);
            }
            return true; // at parse time the entity is null: the listeners stay, each event is judged as it comes
        }
    };

    /**
     * A form's context is a copy of clinical text from our tables, shown while its task is open: it gets no history
     * of its own, neither when set nor when removed with the task (ADR 0014 keeps clinical text out of the engine's
     * history).
     */
    static boolean isFormContext(VariableInstance variable) {
        return FormContext.VARIABLE.equals(variable.getName());
    }

    private static final Logger log = LoggerFactory.getLogger(HistoryWithoutDetails.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(LEVEL);
        configuration.setCustomHistoryLevels(levels);
        List<BpmnParseListener> parseListeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        parseListeners.add(new TechnicalHistory.DiagramReader());
        configuration.setCustomPreBPMNParseListeners(parseListeners);
    }

    /**
     * Before the engine compares the configured level with the stored one: a database kept at {@code full} (every
     * database before this level existed) moves to this level, and back when {@code full} is configured again. The two
     * write the same tables, so only the stored id changes; any other change of level is still refused by the engine.
     */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        int configured = configuration.getHistoryLevel().getId();
        int full = HistoryLevel.HISTORY_LEVEL_FULL.getId();
        if (configured == ID || configured == full) {
            switchStoredLevel(
                    configuration.getDataSource(),
                    configuration.getDatabaseTablePrefix(),
                    configured == ID ? full : ID,
                    configured);
        }
    }

    static void switchStoredLevel(DataSource dataSource, String tablePrefix, int from, int to) {
        String table = (tablePrefix == null ? "" : tablePrefix) + "ACT_GE_PROPERTY";
        if (!tableExists(dataSource, table)) {
            return; // a new database: the engine creates its tables and stores the configured level
        }
        int switched = new JdbcTemplate(dataSource)
                .update(
                        "update " + table + " set VALUE_ = ? where NAME_ = 'historyLevel' and VALUE_ = ?",
                        Integer.toString(to),
                        Integer.toString(from));
        if (switched > 0) {
            log.info("The database's history level was {} and is now {}, as configured", name(from), name(to));
        }
    }

    private static String name(int level) {
        return (level == ID ? NAME : HistoryLevel.HISTORY_LEVEL_FULL.getName()) + " (" + level + ")";
    }

    private static boolean tableExists(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            // PostgreSQL folds unquoted names to lower case, H2 to upper case
            for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
                try (ResultSet tables = metadata.getTables(
                        connection.getCatalog(), connection.getSchema(), name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not read the engine's history level", e);
        }
    }
}
