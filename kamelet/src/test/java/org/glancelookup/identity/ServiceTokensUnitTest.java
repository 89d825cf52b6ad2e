package org.glancelookup.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glancelookup.lookup.LookupError;
import org.glancelookup.lookup.LookupFailure;
import org.junit.jupiter.api.Test;

/** The token cache alone, on a clock the test moves: one Keystone request per renewal, however many lookups. */
class ServiceTokensUnitTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> outcomes = new ArrayList<>();

    /** Keystone on the test's clock: tokens of 100 s, t1, t2, ... */
    private ServiceToken issue() {
        Instant at = now.get();
        return new ServiceToken("t" + issued.incrementAndGet(), at, at.plusSeconds(100), List.of());
    }

    private ServiceTokens tokens(java.util.function.Supplier<ServiceToken> keystone) {
        return new ServiceTokens(keystone, "http://keystone/v3", clock, Duration.ofSeconds(5),
                outcome -> {
                    synchronized (outcomes) {
                        outcomes.add(outcome);
                    }
                });
    }

    @Test
    void oneRequestForSixteenLookupsThatFindNoToken() throws Exception {
        CountDownLatch keystoneAnswers = new CountDownLatch(1);
        ServiceTokens tokens = tokens(() -> {
            try {
                keystoneAnswers.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return issue();
        });
        ExecutorService lookups = Executors.newFixedThreadPool(16);
        List<Future<ServiceToken>> got = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            got.add(lookups.submit(tokens::token));
        }
        Thread.sleep(200); // every lookup is waiting now
        keystoneAnswers.countDown();
        for (Future<ServiceToken> token : got) {
            assertThat(token.get().id()).isEqualTo("t1");
        }
        lookups.shutdown();
        assertThat(issued).hasValue(1);
        assertThat(outcomes).containsExactly("ok");
    }

    @Test
    void renewedAfterThreeQuartersOfItsLifeWhileTheOthersKeepTheOldOne() throws Exception {
        CountDownLatch keystoneAnswers = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        ServiceTokens tokens = tokens(() -> {
            if (calls.incrementAndGet() > 1) {
                try {
                    keystoneAnswers.await(); // the renewal is slow
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return issue();
        });
        assertThat(tokens.token().id()).isEqualTo("t1");
        now.set(T0.plusSeconds(74));
        assertThat(tokens.token().id()).as("not due yet").isEqualTo("t1");
        now.set(T0.plusSeconds(76));
        ExecutorService renewer = Executors.newSingleThreadExecutor();
        Future<ServiceToken> renewing = renewer.submit(tokens::token);
        Thread.sleep(200);
        // while the one lookup that found it due waits for Keystone, the others send t1 without waiting
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.token().id()).isEqualTo("t1");
        }
        keystoneAnswers.countDown();
        assertThat(renewing.get().id()).isEqualTo("t2");
        assertThat(tokens.token().id()).isEqualTo("t2");
        renewer.shutdown();
        assertThat(issued).hasValue(2);
    }

    @Test
    void aTokenGlanceRefusedIsReplacedOnceForAllTheLookupsThatSentIt() {
        ServiceTokens tokens = tokens(this::issue);
        ServiceToken first = tokens.token();
        tokens.rejected(first);
        ServiceToken second = tokens.token();
        assertThat(second.id()).isEqualTo("t2");
        tokens.rejected(first); // a slower lookup's 401 to the old token: the new one stays
        assertThat(tokens.token()).isSameAs(second);
        assertThat(issued).hasValue(2);
    }

    @Test
    void keystoneAwayLeavesAGoodTokenInUseAndOtherwiseIsIdentityUnavailable() {
        AtomicInteger calls = new AtomicInteger();
        ServiceTokens tokens = tokens(() -> {
            if (calls.incrementAndGet() == 1) {
                return issue();
            }
            throw LookupFailure.identityUnavailable("http://keystone/v3", "ConnectException");
        });
        assertThat(tokens.token().id()).isEqualTo("t1");
        now.set(T0.plusSeconds(80)); // due, Keystone away, t1 still good for 10 s
        assertThat(tokens.token().id()).isEqualTo("t1");
        now.set(T0.plusSeconds(95)); // past its usable life
        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(LookupFailure.class,
                f -> assertThat(f.error()).isEqualTo(LookupError.IdentityUnavailable));
        assertThat(outcomes).containsExactly("ok", "IdentityUnavailable", "IdentityUnavailable");
    }

    @Test
    void refusedCredentialsAreIdentityRejected() {
        ServiceTokens tokens = tokens(() -> {
            throw LookupFailure.identityRejected("http://keystone/v3", 401);
        });
        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(LookupFailure.class, f -> {
            assertThat(f.error()).isEqualTo(LookupError.IdentityRejected);
            assertThat(f.getMessage()).isEqualTo(
                    "The identity service at http://keystone/v3 refused the service's credentials (HTTP 401).");
        });
    }
}
