package org.glancelookup.glance;

import java.io.IOException;

/**
 * One attempt on one Glance server failed in a way Nova retries: 503, an I/O failure (refused, reset, timeout,
 * unknown host, a broken answer) or an unusable endpoint. The message is the reason shown in
 * GlanceConnectionFailed. It is an IOException so that the HTTP client's own chain can throw it, classified where
 * the failure happens; the error policy matches this type only, never a plain IOException (which a database
 * failure may also carry).
 */
public class GlanceAttemptFailed extends IOException {
    public GlanceAttemptFailed(String reason) {
        super(reason);
    }

    public GlanceAttemptFailed(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** An I/O failure in a few words: the first message down its cause chain, and what kind it was. */
    public static GlanceAttemptFailed of(Exception failure) {
        if (failure instanceof GlanceAttemptFailed classified) {
            return classified;
        }
        String kind = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return new GlanceAttemptFailed(t.getMessage() + " (" + kind + ")", failure);
            }
        }
        return new GlanceAttemptFailed(kind, failure);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a routine outcome, logged as one line: no stack to collect
    }
}
