package org.glancelookup.glance;

/**
 * One attempt on one Glance server failed in a way Nova retries (503, unusable endpoint); I/O failures of the
 * HTTP client are retried too, as they are.
 */
public class GlanceAttemptFailed extends Exception {
    public GlanceAttemptFailed(String reason) {
        super(reason, null, false, false);
    }
}
