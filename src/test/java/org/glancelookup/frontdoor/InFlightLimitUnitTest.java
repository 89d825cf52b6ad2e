package org.glancelookup.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancelookup.lookup.LookupError;
import org.glancelookup.lookup.LookupFailure;
import org.junit.jupiter.api.Test;

/** The HTTP door's in-flight limit on its own: places taken and given back, no Camel, no server. */
class InFlightLimitUnitTest {

    @Test
    void theNextOneOverTheLimitIsServiceBusyAtOnceUntilAPlaceIsGivenBack() {
        InFlightLimit limit = new InFlightLimit(2);
        Runnable first = limit.admit();
        limit.admit();
        assertThatThrownBy(limit::admit).isInstanceOfSatisfying(LookupFailure.class,
                busy -> assertThat(busy.error()).isEqualTo(LookupError.ServiceBusy));
        assertThat(limit.inFlight()).isEqualTo(2);
        first.run();
        first.run(); // a second completion gives nothing back twice
        assertThat(limit.inFlight()).isOne();
        limit.admit();
        assertThatThrownBy(limit::admit).isInstanceOf(LookupFailure.class);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new InFlightLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup.http.max-in-flight");
    }

    @Test
    void underConcurrentCallersNoMoreThanTheLimitAreEverIn() throws Exception {
        InFlightLimit limit = new InFlightLimit(4);
        AtomicInteger in = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int n = 0; n < 500; n++) {
                        try {
                            Runnable leave = limit.admit();
                            most.accumulateAndGet(in.incrementAndGet(), Math::max);
                            in.decrementAndGet();
                            leave.run();
                        } catch (LookupFailure busy) {
                            // over the limit: refused at once, as it should be
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> caller : done) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 4);
        assertThat(limit.inFlight()).as("every place given back").isZero();
    }
}
