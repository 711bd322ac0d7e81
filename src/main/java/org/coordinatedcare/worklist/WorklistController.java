package org.coordinatedcare.worklist;

import org.coordinatedcare.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/worklist?page=0&size=15}: the logged-in clinician's open tasks, soonest due first. */
@RestController
public class WorklistController {

    /** Deep pages are a sign of a missing filter, and keep the engine's offset within an int. */
    static final int MAX_PAGE = 10_000;

    private final Worklist worklist;

    public WorklistController(Worklist worklist) {
        this.worklist = worklist;
    }

    @GetMapping("/api/worklist")
    WorklistPage worklist(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        int pageNumber = number("page", page, 0, 0, MAX_PAGE);
        int pageSize = number("size", size, Worklist.DEFAULT_SIZE, 1, Worklist.MAX_SIZE);
        return worklist.page(pageNumber, pageSize);
    }

    /** Parsed here rather than by Spring, so a wrong value is answered with the field's name and the allowed range. */
    private static int number(String field, String value, int otherwise, int min, int max) {
        if (value == null) {
            return otherwise;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    field,
                    "'" + value + "' is not a whole number; give " + field + " from " + min + " to " + max + ".");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidRequestException(
                    field, field + " must be from " + min + " to " + max + ", got " + parsed + ".");
        }
        return parsed;
    }
}
