package org.glancelookup.frontdoor;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.glancelookup.lookup.LookupFailure;

/**
 * Admits at most {@code limit} exchanges at once and refuses the next one at once with ServiceBusy; a permit is
 * returned when its exchange completes, however it ends. This bounds what a flood of HTTP requests can hold
 * (exchanges, Vert.x workers, Glance connections, redelivery timers); the front door has a few more workers than
 * places, and those answer the refused requests.
 * <p>
 * Camel's throttle EIP in ConcurrentRequests mode would fit, but in 4.18 it forgets its permits 10 s after the
 * last release even while others are still held (CAMEL-24926), so lookups waiting on a slow Glance (30 s read
 * timeout) would let more in than the limit.
 */
public class InFlightLimit {
    private final int limit;
    private final Semaphore permits;

    public InFlightLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("lookup.http.max-in-flight must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** The route's step: admits the exchange until it completes, however it ends, or refuses it (ServiceBusy). */
    public void enter(Exchange exchange) {
        Runnable leave = admit();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                leave.run();
            }
        });
    }

    /** A place, or ServiceBusy at once; the place is given back once, however often the returned leave runs. */
    Runnable admit() {
        if (!permits.tryAcquire()) {
            throw LookupFailure.serviceBusy(limit);
        }
        AtomicBoolean left = new AtomicBoolean();
        return () -> {
            if (left.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }

    public int inFlight() {
        return limit - permits.availablePermits();
    }
}
