package org.glancelookup.glance;

/**
 * One attempt on one Glance server failed in a way Nova retries: 503, an I/O failure (refused, reset, timeout,
 * unknown host) or an unusable endpoint. The message is the reason shown in GlanceConnectionFailed.
 */
public class GlanceAttemptFailed extends Exception {
    public GlanceAttemptFailed(String reason) {
        super(reason, null, false, false);
    }

    public GlanceAttemptFailed(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    /** An I/O failure in a few words: the first message down its cause chain, and what kind it was. */
    public static GlanceAttemptFailed of(java.io.IOException failure) {
        String kind = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return new GlanceAttemptFailed(t.getMessage() + " (" + kind + ")", failure);
            }
        }
        return new GlanceAttemptFailed(kind, failure);
    }
}
