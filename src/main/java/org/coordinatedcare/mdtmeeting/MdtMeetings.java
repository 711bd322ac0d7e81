package org.coordinatedcare.mdtmeeting;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.coordinatedcare.team.ProfessionalRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The meetings, their agendas and attendees in our tables. A meeting is bound to its process instance as an episode
 * is to its pathway (ADR 0017): every step finds its meeting from the process instance, never from a variable. Named
 * {@code mdtAgenda} for the diagrams, which ask it for the neighbourhoods and for a meeting's agenda in order.
 */
@Component("mdtAgenda")
public class MdtMeetings {

    /** A meeting row. */
    public record Meeting(
            long id,
            String neighbourhood,
            String processInstanceId,
            String status,
            LocalDate agendaUntil,
            LocalDate heldOn,
            String chair,
            String minutes) {}

    /** An agenda item with the patient it is for (derived from its episode). */
    public record Item(
            long id,
            Long meetingId,
            String neighbourhood,
            long episodeId,
            int position,
            String source,
            String reason,
            LocalDate reviewDueOn,
            String status,
            String outcome,
            String needTrend,
            Integer agencies,
            Boolean longIntervention,
            String notes,
            String recordedBy,
            Long mdtReviewId,
            long patientId,
            String patientName,
            String nhsNumber,
            String fhirId,
            String practiceName) {}

    /** An attendee of a meeting and their agency. */
    public record Attendee(String name, String agency) {}

    /** An action agreed for a person, with its owner. */
    public record Action(String owner, String description) {}

    private static final String ITEM = """
            select i.*, p.id as patient_id, p.given_name || ' ' || p.family_name as patient_name, p.nhs_number,
                   p.fhir_id, pr.name as practice_name
            from mdt_agenda_item i join episode e on e.id = i.episode_id join patient p on p.id = e.patient_id
            join practice pr on pr.id = p.practice_id
            """;

    private final JdbcClient jdbc;

    public MdtMeetings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The candidate group of a neighbourhood's meeting tasks. */
    public static String groupOf(String neighbourhood) {
        return ProfessionalRole.mdtGroupOf(neighbourhood);
    }

    /** Every neighbourhood of the PCN's practices: one meeting each on the schedule. */
    public List<String> neighbourhoods() {
        return jdbc.sql("select distinct neighbourhood from practice order by neighbourhood")
                .query(String.class)
                .list();
    }

    /**
     * The agenda as prepared, in order: the collection of the meeting's "Discuss" tasks. The engine reads it again
     * for each person in turn, so it keeps those already discussed; it is fixed once the chair has prepared it.
     */
    public List<Long> itemsOf(String processInstanceId) {
        return jdbc.sql("""
                        select i.id from mdt_agenda_item i join mdt_meeting m on m.id = i.meeting_id
                        where m.process_instance_id = ? and i.status in ('LISTED', 'DISCUSSED')
                        order by i.position, i.id""").param(processInstanceId).query(Long.class).list();
    }

    long open(String neighbourhood, String processInstanceId, LocalDate until, String calledBy) {
        jdbc.sql("""
                        insert into mdt_meeting (neighbourhood, process_instance_id, status, called_at, agenda_until,
                                                 called_by)
                        values (?, ?, 'PREPARING', ?, ?, ?)""")
                .params(neighbourhood, processInstanceId, Timestamp.from(Instant.now()), until, calledBy)
                .update();
        return byProcessInstance(processInstanceId).orElseThrow().id();
    }

    public Optional<Meeting> byProcessInstance(String processInstanceId) {
        return jdbc.sql("select * from mdt_meeting where process_instance_id = ?")
                .param(processInstanceId)
                .query(MdtMeetings::meeting)
                .optional();
    }

    Optional<Meeting> preparing(String neighbourhood) {
        return jdbc
                .sql("select * from mdt_meeting where neighbourhood = ? and status = 'PREPARING' order by id desc")
                .param(neighbourhood)
                .query(MdtMeetings::meeting)
                .list()
                .stream()
                .findFirst();
    }

    public Optional<Meeting> meeting(long id) {
        return jdbc.sql("select * from mdt_meeting where id = ?")
                .param(id)
                .query(MdtMeetings::meeting)
                .optional();
    }

    public List<Item> agenda(long meetingId) {
        return jdbc.sql(ITEM + " where i.meeting_id = ? order by i.position, i.id")
                .param(meetingId)
                .query(MdtMeetings::item)
                .list();
    }

    public Optional<Item> item(long id) {
        return jdbc.sql(ITEM + " where i.id = ?")
                .param(id)
                .query(MdtMeetings::item)
                .optional();
    }

    /** Items of the neighbourhood in this status outside any meeting still open (pending additions, carry-overs). */
    List<Item> waiting(String neighbourhood, String status) {
        return jdbc.sql(ITEM + " where i.neighbourhood = ? and i.status = ? order by i.id")
                .params(neighbourhood, status)
                .query(MdtMeetings::item)
                .list();
    }

    /** The latest outcome a meeting recorded for the episode that no review has taken yet. */
    Optional<Item> outcomeWaitingFor(long episodeId) {
        return jdbc
                .sql(ITEM + " where i.episode_id = ? and i.status = 'DISCUSSED' and i.mdt_review_id is null"
                        + " order by i.recorded_at desc, i.id desc")
                .param(episodeId)
                .query(MdtMeetings::item)
                .list()
                .stream()
                .findFirst();
    }

    void list(
            long meetingId,
            long episodeId,
            String neighbourhood,
            int position,
            String source,
            String reason,
            LocalDate dueOn,
            String by) {
        jdbc.sql("""
                        insert into mdt_agenda_item (meeting_id, neighbourhood, episode_id, position, source, reason,
                                                     review_due_on, added_by, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        meetingId == 0 ? null : meetingId,
                        neighbourhood,
                        episodeId,
                        position,
                        source,
                        reason,
                        dueOn,
                        by,
                        meetingId == 0 ? "PENDING" : "LISTED")
                .update();
    }

    void adopt(long itemId, long meetingId, int position) {
        jdbc.sql("update mdt_agenda_item set meeting_id = ?, position = ?, status = 'LISTED' where id = ?")
                .params(meetingId, position, itemId)
                .update();
    }

    void setStatus(long itemId, String status) {
        jdbc.sql("update mdt_agenda_item set status = ? where id = ?")
                .params(status, itemId)
                .update();
    }

    void remove(long itemId, String reason) {
        jdbc.sql("update mdt_agenda_item set status = 'REMOVED', removal_reason = ? where id = ?")
                .params(reason, itemId)
                .update();
    }

    void reposition(long itemId, int position) {
        jdbc.sql("update mdt_agenda_item set position = ? where id = ?")
                .params(position, itemId)
                .update();
    }

    void recordOutcome(
            long itemId,
            String outcome,
            String needTrend,
            Integer agencies,
            boolean longIntervention,
            String notes,
            String by,
            List<Action> actions) {
        jdbc.sql("""
                        update mdt_agenda_item set status = 'DISCUSSED', outcome = ?, need_trend = ?, agencies = ?,
                               long_intervention = ?, notes = ?, recorded_by = ?, recorded_at = ?
                        where id = ?""")
                .params(
                        outcome,
                        needTrend,
                        agencies,
                        longIntervention,
                        notes,
                        by,
                        Timestamp.from(Instant.now()),
                        itemId)
                .update();
        for (Action action : actions) {
            jdbc.sql("insert into mdt_meeting_action (agenda_item_id, owner, description) values (?, ?, ?)")
                    .params(itemId, action.owner(), action.description())
                    .update();
        }
    }

    void reviewed(long itemId, long mdtReviewId) {
        jdbc.sql("update mdt_agenda_item set mdt_review_id = ? where id = ?")
                .params(mdtReviewId, itemId)
                .update();
    }

    Optional<String> removalReason(long itemId) {
        return jdbc.sql("select removal_reason from mdt_agenda_item where id = ?")
                .param(itemId)
                .query(String.class)
                .optional();
    }

    public List<Action> actions(long itemId) {
        return jdbc.sql("select owner, description from mdt_meeting_action where agenda_item_id = ? order by id")
                .param(itemId)
                .query((row, i) -> new Action(row.getString("owner"), row.getString("description")))
                .list();
    }

    /** The chair has prepared the agenda: it is fixed, and later additions wait for the next meeting. */
    void prepared(long meetingId) {
        jdbc.sql("update mdt_meeting set status = 'IN_MEETING' where id = ?")
                .param(meetingId)
                .update();
    }

    void opened(long meetingId, LocalDate heldOn, String chair, List<Attendee> attendees) {
        jdbc.sql("update mdt_meeting set held_on = ?, chair = ? where id = ?")
                .params(heldOn, chair, meetingId)
                .update();
        for (Attendee attendee : attendees) {
            jdbc.sql("insert into mdt_meeting_attendee (meeting_id, name, agency) values (?, ?, ?)")
                    .params(meetingId, attendee.name(), attendee.agency())
                    .update();
        }
    }

    public List<Attendee> attendees(long meetingId) {
        return jdbc.sql("select name, agency from mdt_meeting_attendee where meeting_id = ? order by id")
                .param(meetingId)
                .query((row, i) -> new Attendee(row.getString("name"), row.getString("agency")))
                .list();
    }

    void closed(long meetingId, String minutes) {
        jdbc.sql("update mdt_meeting set status = 'CLOSED', closed_at = ?, minutes = ? where id = ?")
                .params(Timestamp.from(Instant.now()), minutes, meetingId)
                .update();
    }

    private static Meeting meeting(java.sql.ResultSet row, int i) throws java.sql.SQLException {
        return new Meeting(
                row.getLong("id"),
                row.getString("neighbourhood"),
                row.getString("process_instance_id"),
                row.getString("status"),
                row.getObject("agenda_until", LocalDate.class),
                row.getObject("held_on", LocalDate.class),
                row.getString("chair"),
                row.getString("minutes"));
    }

    private static Item item(java.sql.ResultSet row, int i) throws java.sql.SQLException {
        long meeting = row.getLong("meeting_id");
        return new Item(
                row.getLong("id"),
                row.wasNull() ? null : meeting,
                row.getString("neighbourhood"),
                row.getLong("episode_id"),
                row.getInt("position"),
                row.getString("source"),
                row.getString("reason"),
                row.getObject("review_due_on", LocalDate.class),
                row.getString("status"),
                row.getString("outcome"),
                row.getString("need_trend"),
                (Integer) row.getObject("agencies", Integer.class),
                (Boolean) row.getObject("long_intervention", Boolean.class),
                row.getString("notes"),
                row.getString("recorded_by"),
                row.getObject("mdt_review_id", Long.class),
                row.getLong("patient_id"),
                row.getString("patient_name"),
                row.getString("nhs_number"),
                row.getString("fhir_id"),
                row.getString("practice_name"));
    }
}
