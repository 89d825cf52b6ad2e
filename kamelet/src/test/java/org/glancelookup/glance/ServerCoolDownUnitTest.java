package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** ServerCoolDown on its own, with a clock the test moves: no Camel, no server, no sleeping. */
class ServerCoolDownUnitTest {
    private static final String SERVER = "http://glance-1:9292";
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ServerCoolDown coolDown = new ServerCoolDown(Duration.ofSeconds(5), nanos::get);

    @Test
    void aFailedServerCoolsDownForItsTimeThenOneProbeGoes() {
        assertThat(coolDown.isCoolingDown(SERVER)).as("never failed").isFalse();
        coolDown.failed(SERVER);
        assertThat(coolDown.isCoolingDown(SERVER)).isTrue();
        nanos.addAndGet(Duration.ofMillis(4999).toNanos());
        assertThat(coolDown.isCoolingDown(SERVER)).as("still within 5 s").isTrue();
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(coolDown.isCoolingDown(SERVER)).as("the probe").isFalse();
        assertThat(coolDown.isCoolingDown(SERVER)).as("the others, while the probe is out").isTrue();
        coolDown.answered(SERVER, 404);
        assertThat(coolDown.isCoolingDown(SERVER)).as("any answer but 503 closes the breaker").isFalse();
    }

    @Test
    void a503KeepsItCoolingAndAProbeThatNeverReportsExpiresLikeAFailure() {
        coolDown.failed(SERVER);
        coolDown.answered(SERVER, 503);
        assertThat(coolDown.isCoolingDown(SERVER)).isTrue();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(coolDown.isCoolingDown(SERVER)).as("the probe").isFalse();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(coolDown.isCoolingDown(SERVER)).as("the next probe, the first never told").isFalse();
    }

    @Test
    void zeroTurnsItOffAndOtherServersAreNotConcerned() {
        ServerCoolDown off = new ServerCoolDown(Duration.ZERO, nanos::get);
        off.failed(SERVER);
        assertThat(off.isCoolingDown(SERVER)).isFalse();
        coolDown.failed(SERVER);
        assertThat(coolDown.isCoolingDown("http://glance-2:9292")).isFalse();
        coolDown.failed(null); // an attempt that never named its server
    }

    @Test
    void whenTheCoolDownEndsExactlyOneOfManyConcurrentCallersProbes() throws Exception {
        coolDown.failed(SERVER);
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> asked = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Boolean> ask = () -> {
                    go.await();
                    return coolDown.isCoolingDown(SERVER);
                };
                asked.add(pool.submit(ask));
            }
            go.countDown();
            long probes = 0;
            for (Future<Boolean> answer : asked) {
                probes += answer.get() ? 0 : 1;
            }
            assertThat(probes).isOne();
        } finally {
            pool.shutdownNow();
        }
    }
}
