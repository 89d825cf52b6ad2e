package org.glancelookup.step;

/** Hears of every Glance attempt of a step, for a host's metrics; the step itself keeps no counters. */
public interface GlanceAttemptListener {
    GlanceAttemptListener NONE = new GlanceAttemptListener() {
        @Override
        public void answered(String server, int status) {
        }

        @Override
        public void failed(String server, boolean retrying) {
        }
    };

    /** The server answered with this HTTP status (503 included: the attempt then fails). */
    void answered(String server, int status);

    /** The attempt failed with a retryable failure; {@code retrying} when another attempt follows. */
    void failed(String server, boolean retrying);

    /** The step asked Keystone for the service's own token: {@code outcome} ok, or the error name. */
    default void tokenRequested(String outcome) {
    }
}
