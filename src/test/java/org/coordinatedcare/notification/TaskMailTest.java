package org.coordinatedcare.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.coordinatedcare.Diagram.CoordinatedCare;
import org.coordinatedcare.FormAnswers;
import org.coordinatedcare.pathway.PathwayFixture;
import org.coordinatedcare.pathway.PathwayTestSupport;
import org.coordinatedcare.patient.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * The e-mails people get when a task becomes theirs, read back from the embedded SMTP server the test profile starts
 * (the demo's GreenMail): who gets them, what they say (the task's name, due date and link, nothing about the
 * patient), that a rolled-back transaction mails nobody, and the overdue digest.
 */
class TaskMailTest extends PathwayTestSupport {

    private static final String DOMAIN = "@mail.test";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    @Autowired
    GreenMail mail;

    @Autowired
    IdentityService identity;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    OverdueDigest digest;

    /** The test practice's team as Camunda users: all with addresses but the nurse. */
    @BeforeEach
    void team() {
        user("tlead", true, "clinical-lead-" + PathwayFixture.PRACTICE);
        user("tgp", true, "gp-" + PathwayFixture.PRACTICE);
        user("tcoord1", true, "care-coordinator-" + PathwayFixture.PRACTICE);
        user("tcoord2", true, "care-coordinator-" + PathwayFixture.PRACTICE);
        user("tnurse", false, "clinical-lead-" + PathwayFixture.PRACTICE);
    }

    @Test
    void aTaskOfferedToAGroupMailsEachMemberWithAnAddressAndSaysNothingAboutThePatient() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        Task task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);

        List<MimeMessage> about = awaitMessages(m -> body(m).contains(task.getId()), 1);
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : about) {
            recipients.addAll(recipients(message));
        }
        List<String> members =
                identity.createUserQuery().memberOfGroup("clinical-lead-" + PathwayFixture.PRACTICE).list().stream()
                        .map(User::getEmail)
                        .filter(e -> e != null)
                        .toList();
        assertThat(recipients).contains("tlead" + DOMAIN).containsExactlyInAnyOrderElementsOf(members);
        assertThat(recipients).noneMatch(r -> r.startsWith("tnurse"));
        MimeMessage message = about.get(0);
        String body = body(message);
        assertThat(subject(message)).contains(task.getName());
        assertThat(body)
                .contains("Task: " + task.getName())
                .contains(DAY.format(task.getDueDate().toInstant().atZone(ZoneId.systemDefault())))
                .contains("/camunda/app/tasklist/default/#/?task=" + task.getId());
        assertNothingAbout(patient, subject(message) + "\n" + body);
    }

    @Test
    void anAssignmentMailsTheAssigneeButNotSomeoneWhoClaimsATaskThemselves() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assignNamedProfessional(patient, "tgp");
        Task response = task(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE);

        // tcoord2 claims it for themselves: no e-mail; then it is given to tcoord1: an e-mail to tcoord1 only
        identity.setAuthentication("tcoord2", List.of("care-coordinator-" + PathwayFixture.PRACTICE));
        try {
            tasks.claim(response.getId(), "tcoord2");
        } finally {
            identity.clearAuthentication();
        }
        tasks.setAssignee(response.getId(), "tcoord1");

        MimeMessage assigned = awaitMessages(
                        m -> body(m).contains(response.getId())
                                && recipients(m).contains("tcoord1" + DOMAIN)
                                && subject(m).startsWith("A task is assigned"),
                        1)
                .get(0);
        assertThat(subject(assigned)).isEqualTo("A task is assigned to you: " + response.getName());
        assertThat(messages(m -> body(m).contains(response.getId())
                        && recipients(m).contains("tcoord2" + DOMAIN)
                        && subject(m).startsWith("A task is assigned")))
                .isEmpty();
        assertNothingAbout(patient, subject(assigned) + "\n" + body(assigned));
    }

    @Test
    void aRolledBackCompletionMailsNobody() {
        Patient patient = coordinatorAppointed();
        Task funding = task(patient, CoordinatedCare.DECIDE_FUNDING);
        Predicate<MimeMessage> scheduling = m ->
                recipients(m).contains("tcoord1" + DOMAIN) && subject(m).contains("Schedule coordinated activities");
        int before = messages(scheduling).size();

        // completing the funding decision creates the coordinator's scheduling task in the same transaction; the
        // transaction is rolled back, so that task never existed and nobody may hear of it
        List<String> rolledBack = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            forms.submitTaskForm(funding.getId(), FormAnswers.of(FormAnswers.DECIDE_FUNDING));
            rolledBack.add(
                    task(patient, CoordinatedCare.SCHEDULE_COORDINATED_CARE).getId());
            status.setRollbackOnly();
        });
        assertThat(openTasks(patient, CoordinatedCare.SCHEDULE_COORDINATED_CARE))
                .isEmpty();

        // the same completion committed: its e-mail arrives, and mail goes out in commit order on one thread, so the
        // rolled-back one would have arrived first
        complete(patient, CoordinatedCare.DECIDE_FUNDING, FormAnswers.of(FormAnswers.DECIDE_FUNDING));
        Task scheduled = task(patient, CoordinatedCare.SCHEDULE_COORDINATED_CARE);
        awaitMessages(m -> scheduling.test(m) && body(m).contains(scheduled.getId()), 1);
        assertThat(messages(scheduling)).hasSize(before + 1);
        assertThat(messages(m -> body(m).contains(rolledBack.get(0)))).isEmpty();
    }

    @Test
    void theDigestListsEachUsersOverdueTasksWithoutPatientData() {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        assignNamedProfessional(patient, "tgp");
        Task response = task(patient, CoordinatedCare.RECORD_INVITATION_RESPONSE);
        Date due = Date.from(Instant.now().minusSeconds(3 * 24 * 3600));
        Task overdue = tasks.createTaskQuery().taskId(response.getId()).singleResult();
        overdue.setDueDate(due);
        tasks.saveTask(overdue);

        assertThat(digest.send(Instant.now())).isPositive();

        // unclaimed, so both coordinators of the practice are told; the nurse has no address
        for (String coordinator : List.of("tcoord1", "tcoord2")) {
            MimeMessage message = messages(m -> recipients(m).contains(coordinator + DOMAIN)
                            && subject(m).startsWith("Your overdue tasks")
                            && body(m).contains(response.getId()))
                    .get(0);
            assertThat(body(message))
                    .contains("Task: " + response.getName())
                    .contains(DAY.format(due.toInstant().atZone(ZoneId.systemDefault())))
                    .contains("#/?task=" + response.getId());
            assertNothingAbout(patient, subject(message) + "\n" + body(message));
        }
    }

    /** As docs/operations.md tells demo users: IMAP, login and password both the address. */
    @Test
    void aRecipientReadsTheirMessagesOverImapWithTheirAddressAsLoginAndPassword() throws Exception {
        Patient patient = fixture.patientWithConditions(3);
        identify(patient);
        Task task = task(patient, CoordinatedCare.ASSIGN_NAMED_PROFESSIONAL);
        awaitMessages(m -> body(m).contains(task.getId()) && recipients(m).contains("tlead" + DOMAIN), 1);

        java.util.Properties imap = new java.util.Properties();
        imap.put("mail.imap.host", "127.0.0.1");
        imap.put("mail.imap.port", String.valueOf(mail.getImap().getPort()));
        jakarta.mail.Store store = jakarta.mail.Session.getInstance(imap).getStore("imap");
        store.connect("tlead" + DOMAIN, "tlead" + DOMAIN);
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            List<String> bodies = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                bodies.add(String.valueOf(message.getContent()));
            }
            inbox.close(false);
            assertThat(bodies).anyMatch(b -> b.contains("#/?task=" + task.getId()));
        } finally {
            store.close();
        }
    }

    @Test
    void onlyOneNodeSendsADaysDigest() {
        LocalDate day = LocalDate.of(2000, 1, 1).plusDays(System.nanoTime() % 30_000);
        assertThat(digest.claim(day, "node-a")).isTrue();
        assertThat(digest.claim(day, "node-b")).isFalse();
        assertThat(digest.claim(day, "node-a")).isFalse();
    }

    // helpers

    private Patient coordinatorAppointed() {
        Patient patient = fixture.patientWithConditions(3);
        pathwayAwaitingMdtReview(patient, List.of());
        fireTimer(CoordinatedCare.TIMER_MDT_REVIEW_DUE);
        holdMdtReview(patient, "rising", 1, false, "continue");
        complete(patient, CoordinatedCare.APPOINT_CARE_COORDINATOR, "careCoordinator", "tcoord1");
        return patient;
    }

    private static void assertNothingAbout(Patient patient, String text) {
        assertThat(text)
                .doesNotContain(patient.givenName())
                .doesNotContain(patient.fhirId())
                .doesNotContain(patient.birthDate().toString())
                .doesNotContain(
                        DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).format(patient.birthDate()))
                .doesNotContain(DateTimeFormatter.ofPattern("dd/MM/yyyy").format(patient.birthDate()));
        if (patient.nhsNumber() != null) {
            assertThat(text).doesNotContain(patient.nhsNumber());
        }
    }

    private void user(String id, boolean withAddress, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Tester");
            user.setEmail(withAddress ? id + DOMAIN : null);
            user.setPassword("not-used-here-" + id);
            identity.saveUser(user);
        }
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            identity.saveGroup(identity.newGroup(group));
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    private List<MimeMessage> messages(Predicate<MimeMessage> which) {
        return Arrays.stream(mail.getReceivedMessages()).filter(which).toList();
    }

    /** Waits (mail is sent after commit, on its own thread) until at least {@code count} such messages arrived. */
    private List<MimeMessage> awaitMessages(Predicate<MimeMessage> which, int count) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<MimeMessage> found = messages(which);
            if (found.size() >= count || System.currentTimeMillis() > deadline) {
                assertThat(found).as("messages received").hasSizeGreaterThanOrEqualTo(count);
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent()); // text/plain, its transfer encoding undone
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
