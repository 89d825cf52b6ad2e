package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancelookup.lookup.RequestContext;
import org.junit.jupiter.api.Test;

/** The Glance answer cache and its single flight on their own: no Camel, no Glance. */
class GlanceAnswerCacheUnitTest {
    private static final String IMAGE = "2f0e6a52-7c1d-4a4e-9d55-0b8a1f3c6e01";
    private static final RequestContext ALICE = new RequestContext("token-a", "p1", "alice", List.of(), false);
    private static final RequestContext BOB = new RequestContext("token-b", "p1", "bob", List.of(), false);

    @Test
    void offItAlwaysSendsTheLookupToGlance() throws Exception {
        GlanceAnswerCache off = new GlanceAnswerCache(Duration.ZERO, 10, Duration.ofSeconds(1), AuthStrategy.NOAUTH);
        assertThat(off.enabled()).isFalse();
        assertThat(off.turn(IMAGE, ALICE)).isInstanceOf(GlanceAnswerCache.AskGlance.class);
        assertThat(off.turn(IMAGE, ALICE)).isInstanceOf(GlanceAnswerCache.AskGlance.class);
    }

    @Test
    void theFirstLeadsAndTheNextGetsWhatItShared() throws Exception {
        GlanceAnswerCache cache = cache(AuthStrategy.NOAUTH);
        GlanceAnswerCache.Lead lead = (GlanceAnswerCache.Lead) cache.turn(IMAGE, ALICE);
        GlanceAnswer answer = answer();
        lead.share(answer);
        assertThat(cache.turn(IMAGE, BOB)).as("noauth: Glance's answer is the same for everyone")
                .isEqualTo(new GlanceAnswerCache.Cached(answer));
    }

    @Test
    void whereTheTokenGoesToGlanceEachIdentityHasItsOwnAnswer() throws Exception {
        GlanceAnswerCache cache = cache(AuthStrategy.KEYSTONE);
        ((GlanceAnswerCache.Lead) cache.turn(IMAGE, ALICE)).share(answer());
        assertThat(cache.turn(IMAGE, BOB)).isInstanceOf(GlanceAnswerCache.Lead.class);
        assertThat(cache.turn(IMAGE, ALICE)).isInstanceOf(GlanceAnswerCache.Cached.class);
    }

    @Test
    void anAbandonedLeadLetsTheWaitingLookupsAskGlanceThemselves() throws Exception {
        GlanceAnswerCache cache = cache(AuthStrategy.NOAUTH);
        GlanceAnswerCache.Lead lead = (GlanceAnswerCache.Lead) cache.turn(IMAGE, ALICE);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<GlanceAnswerCache.Turn> waiting = pool.submit(() -> cache.turn(IMAGE, BOB));
            lead.abandon();
            assertThat(waiting.get()).isInstanceOf(GlanceAnswerCache.AskGlance.class);
            assertThat(cache.turn(IMAGE, BOB)).as("the failed entry is gone").isInstanceOf(GlanceAnswerCache.Lead.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofManyConcurrentLookupsOfOneImageOneAsksGlanceAndTheOthersGetItsAnswer() throws Exception {
        GlanceAnswerCache cache = cache(AuthStrategy.NOAUTH);
        int lookups = 16;
        GlanceAnswer answer = answer();
        ExecutorService pool = Executors.newFixedThreadPool(lookups);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<GlanceAnswerCache.Turn>> turns = new ArrayList<>();
            for (int i = 0; i < lookups; i++) {
                turns.add(pool.submit(() -> {
                    go.await();
                    GlanceAnswerCache.Turn turn = cache.turn(IMAGE, ALICE);
                    if (turn instanceof GlanceAnswerCache.Lead lead) {
                        lead.share(answer);
                    }
                    return turn;
                }));
            }
            go.countDown();
            int leads = 0;
            for (Future<GlanceAnswerCache.Turn> turn : turns) {
                GlanceAnswerCache.Turn t = turn.get();
                if (t instanceof GlanceAnswerCache.Lead) {
                    leads++;
                } else {
                    assertThat(t).isEqualTo(new GlanceAnswerCache.Cached(answer));
                }
            }
            assertThat(leads).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    private static GlanceAnswerCache cache(AuthStrategy auth) {
        return new GlanceAnswerCache(Duration.ofMinutes(1), 100, Duration.ofSeconds(10), auth);
    }

    private static GlanceAnswer answer() {
        return new GlanceAnswer("http://glance-1:9292", 2, "req-1", List.of(), "{}", null);
    }
}
