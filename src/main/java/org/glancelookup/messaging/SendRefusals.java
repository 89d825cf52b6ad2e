package org.glancelookup.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.operations.LookupMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lookup whose answer the broker did not take: counted by reason, logged at WARN at most once per interval
 * (a full queue refuses every lookup, and a line each would flood the log), and answered ServiceBusy.
 */
public class SendRefusals {
    private static final Logger LOG = LoggerFactory.getLogger("org.glancelookup.broker");

    private final LookupMetrics metrics;
    private final long logEveryNanos;
    private final AtomicLong nextLog = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sinceLogged = new AtomicLong();

    public SendRefusals(LookupMetrics metrics, Duration logEvery) {
        this.metrics = metrics;
        this.logEveryNanos = logEvery.toNanos();
    }

    /** The failure the lookup ends with; {@code failure} is whatever the send threw, SendRefused among its causes. */
    public LookupFailure answer(Throwable failure) {
        SendRefused refused = find(failure);
        String reason = refused == null ? SendRefused.Reason.failed.name() : refused.reason().name();
        metrics.sendRefused(reason);
        String why = switch (reason) {
            case "full" -> "the broker's queue is full";
            case "timeout" -> "the broker did not take it in time";
            default -> "the broker refused it";
        };
        long refusedSince = sinceLogged.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLog.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextLog.compareAndSet(next, now + logEveryNanos)) {
            sinceLogged.addAndGet(-refusedSince);
            LOG.warn("Answers not stored, lookups answered ServiceBusy ({} since the last line): {} ({})",
                    refusedSince, why, refused == null ? failure.getMessage() : refused.getMessage());
        }
        return LookupFailure.answerNotStored(why);
    }

    private static SendRefused find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SendRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
