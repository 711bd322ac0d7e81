package org.coordinatedcare.careplan;

import java.time.Instant;

/** Someone the plan is to be shared with; {@code sharedAt} is set once it has been. */
public record CarePlanShare(ShareRecipient recipient, Instant sharedAt) {}
