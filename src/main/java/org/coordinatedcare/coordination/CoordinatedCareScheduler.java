package org.coordinatedcare.coordination;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "The scheduling of these activities and services can be led by the care coordinator." Records the plan and each
 * booking (activity, with whom, when): the first booking row is required, the others are optional but complete or
 * empty. The form has {@value #BOOKING_ROWS} fixed rows because Tasklist 7.24 cannot complete a form with a dynamic
 * list (ADR 0012).
 */
@Component("coordinatedCareScheduler")
public class CoordinatedCareScheduler implements TaskListener {

    static final int BOOKING_ROWS = 3;

    private final EpisodeBinding binding;
    private final CoordinatedCareScheduleRepository schedules;
    private final BookedActivityRepository bookings;
    private final CurrentUser currentUser;

    public CoordinatedCareScheduler(
            CoordinatedCareScheduleRepository schedules,
            BookedActivityRepository bookings,
            CurrentUser currentUser,
            EpisodeBinding binding) {
        this.binding = binding;
        this.schedules = schedules;
        this.bookings = bookings;
        this.currentUser = currentUser;
    }

    record Booking(String activity, String withWhom, LocalDate on) {}

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        String activities = input.requiredText("scheduledActivities", "the scheduled activities and services", 4000);
        LocalDate nextContact = input.requiredDate("nextContactDate", "the next contact date");
        if (nextContact.isBefore(LocalDate.now())) {
            throw new FormInputException("nextContactDate", "The next contact date cannot be in the past.");
        }
        List<Booking> booked = bookings(input);
        long episodeId = binding.episodeId(task);
        String by = currentUser.of(task);
        Instant now = Instant.now();
        CoordinatedCareSchedule schedule =
                schedules.save(new CoordinatedCareSchedule(null, episodeId, activities, nextContact, by, now));
        for (Booking b : booked) {
            bookings.save(
                    new BookedActivity(null, episodeId, schedule.id(), b.activity(), b.withWhom(), b.on(), by, now));
        }
        List<String> keys = new ArrayList<>(List.of("scheduledActivities", "nextContactDate"));
        for (int row = 1; row <= BOOKING_ROWS; row++) {
            keys.addAll(List.of("booking" + row + "Activity", "booking" + row + "With", "booking" + row + "Date"));
        }
        input.forget(keys.toArray(String[]::new));
    }

    /** Rows with any part filled in must be complete; the first row is required. No date may be in the past. */
    static List<Booking> bookings(FormInput input) {
        List<Booking> booked = new ArrayList<>();
        for (int i = 1; i <= BOOKING_ROWS; i++) {
            int row = i;
            String activityKey = "booking" + row + "Activity";
            String withKey = "booking" + row + "With";
            String dateKey = "booking" + row + "Date";
            var activity = input.optionalText(activityKey, "activity " + row, 200);
            var with = input.optionalText(withKey, "with whom activity " + row + " is booked", 200);
            var on = input.optionalDate(dateKey, "when activity " + row + " is booked");
            if (row > 1 && activity.isEmpty() && with.isEmpty() && on.isEmpty()) {
                continue;
            }
            LocalDate date = on.orElseThrow(
                    () -> new FormInputException(dateKey, "Please say when activity " + row + " is booked."));
            if (date.isBefore(LocalDate.now())) {
                throw new FormInputException(dateKey, "A booking cannot be in the past.");
            }
            booked.add(new Booking(
                    activity.orElseThrow(
                            () -> new FormInputException(activityKey, "Please say what activity " + row + " is.")),
                    with.orElseThrow(() ->
                            new FormInputException(withKey, "Please say with whom activity " + row + " is booked.")),
                    date));
        }
        return booked;
    }
}
