package org.coordinatedcare.coordination;

import java.time.Instant;
import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.coordinatedcare.episode.EpisodeBinding;
import org.coordinatedcare.form.CurrentUser;
import org.coordinatedcare.form.FormInput;
import org.coordinatedcare.form.FormInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** "The scheduling of these activities and services can be led by the care coordinator." */
@Component("coordinatedCareScheduler")
public class CoordinatedCareScheduler implements TaskListener {

    private final EpisodeBinding binding;
    private final CoordinatedCareScheduleRepository schedules;
    private final CurrentUser currentUser;

    public CoordinatedCareScheduler(
            CoordinatedCareScheduleRepository schedules, CurrentUser currentUser, EpisodeBinding binding) {
        this.binding = binding;
        this.schedules = schedules;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional
    public void notify(DelegateTask task) {
        FormInput input = FormInput.of(task);
        String activities = input.requiredText("scheduledActivities", "the scheduled activities and services", 4000);
        LocalDate nextContact = input.requiredDate("nextContactDate", "the next contact date");
        if (nextContact.isBefore(LocalDate.now())) {
            throw new FormInputException("nextContactDate", "The next contact date cannot be in the past.");
        }
        schedules.save(new CoordinatedCareSchedule(
                null, binding.episodeId(task), activities, nextContact, currentUser.of(task), Instant.now()));
        input.forget("scheduledActivities", "nextContactDate");
    }
}
