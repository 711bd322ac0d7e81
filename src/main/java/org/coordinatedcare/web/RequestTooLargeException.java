package org.coordinatedcare.web;

/** A request body over the limit of its endpoint; answered 413 with problem JSON, before anything is written. */
public class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(long limit) {
        super("The request body is larger than the " + RequestSizeLimit.describe(limit)
                + " this endpoint accepts; nothing was written.");
    }

    /** This exception, if it is the cause of {@code e} at any depth (readers further down may wrap it). */
    static RequestTooLargeException in(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
