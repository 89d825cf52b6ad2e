package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.glancelookup.support.TestJson.JSON;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * The Glance answer cache (glance.cache.ttl-ms) against a real HTTP stand-in: off by default, reused within its
 * TTL, one Glance call for concurrent lookups of one image, failures never kept, and every caller's availability
 * check (and, with keystone, the caller's own token) still deciding.
 */
class GlanceAnswerCacheTest {
    private static TestService start(GlanceStandIn glance, String ttlMs, String... more) throws Exception {
        Map<String, String> settings = TestService.defaults(
                "glance.api-servers", glance.url(),
                "glance.cache.ttl-ms", ttlMs);
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return TestService.start(settings);
    }

    private static String image(GlanceStandIn glance) {
        String uuid = UUID.randomUUID().toString();
        glance.image(Images.publicImage(uuid, "cached-" + uuid));
        return uuid;
    }

    @Test
    void offByDefaultEveryLookupAsksGlance() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            try (TestService service = TestService.start("glance.api-servers", glance.url())) {
                assertThat(service.setting("glance.cache.ttl-ms")).isEqualTo("0");
                String uuid = image(glance);
                for (int i = 0; i < 3; i++) {
                    Exchange answer = service.lookup(uuid);
                    assertThat(answer.getMessage().getHeader("GlanceCached")).isEqualTo(false);
                }
                assertThat(glance.imageRequests()).hasSize(3);
            }
        }
    }

    @Test
    void anAnswerIsReusedWithinItsTtlAndAskedForAgainAfter() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g"); TestService service = start(glance, "1500")) {
            String uuid = image(glance);
            Exchange first = service.lookup(uuid);
            Exchange second = service.lookup(uuid);
            assertThat(first.getMessage().getHeader("GlanceCached")).isEqualTo(false);
            assertThat(second.getMessage().getHeader("GlanceCached")).isEqualTo(true);
            assertThat(second.getMessage().getBody(String.class)).isEqualTo(first.getMessage().getBody(String.class));
            assertThat(second.getMessage().getHeader("GlanceRequestId"))
                    .isEqualTo(first.getMessage().getHeader("GlanceRequestId"));
            assertThat(glance.imageRequests()).hasSize(1);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                service.lookup(uuid);
                return glance.imageRequests().size() == 2;
            });
        }
    }

    @Test
    void concurrentLookupsOfOneImageMakeOneGlanceCall() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g"); TestService service = start(glance, "60000")) {
            String uuid = image(glance);
            glance.hold();
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(callers.submit(() -> service.lookupBody(uuid)));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> glance.waiting() == 1);
                Thread.sleep(300); // the other seven are waiting for the one call, not on their way to Glance
                assertThat(glance.waiting()).isEqualTo(1);
                glance.release();
                for (Future<String> answer : answers) {
                    assertThat(JSON.readTree(answer.get(10, TimeUnit.SECONDS)).get("uuid").asText()).isEqualTo(uuid);
                }
            } finally {
                glance.release();
                callers.shutdownNow();
            }
            assertThat(glance.imageRequests()).hasSize(1);
        }
    }

    @Test
    void whenTheOneCallFailsTheWaitingLookupsAskGlanceThemselves() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g"); TestService service = start(glance, "60000")) {
            String uuid = image(glance);
            glance.hold();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    answers.add(callers.submit(() -> service.lookupBody(uuid)));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> glance.waiting() == 1);
                glance.answer(uuid, 404);
                glance.release();
                // well within the 7 s a waiting lookup would otherwise wait (test timeouts, no retries)
                for (Future<String> answer : answers) {
                    assertThat(JSON.readTree(answer.get(4, TimeUnit.SECONDS)).get("error").asText())
                            .isEqualTo("ImageNotFound");
                }
            } finally {
                glance.release();
                callers.shutdownNow();
            }
            assertThat(glance.imageRequests()).hasSize(4);
        }
    }

    @Test
    void failuresAreNotKept() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g"); TestService service = start(glance, "60000")) {
            String uuid = image(glance);
            glance.answer(uuid, 503);
            assertThat(JSON.readTree(service.lookupBody(uuid)).get("error").asText())
                    .isEqualTo("GlanceConnectionFailed");
            glance.answer(uuid, 0);
            assertThat(JSON.readTree(service.lookupBody(uuid)).get("uuid").asText()).isEqualTo(uuid);
            assertThat(glance.imageRequests()).hasSize(2);
        }
    }

    @Test
    void aCachedAnswerStillPassesEachCallersAvailabilityCheck() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g"); TestService service = start(glance, "60000")) {
            String uuid = UUID.randomUUID().toString();
            // Nova's check for a private image without a token: the owner_id property against the caller's project
            glance.image(Images.with(Images.with(Images.publicImage(uuid, "private"), "visibility", "private"),
                    "owner_id", "owner-project"));
            HttpResponse<String> owner = service.httpGet("/images/" + uuid, "X-Project-Id", "owner-project");
            HttpResponse<String> other = service.httpGet("/images/" + uuid, "X-Project-Id", "another-project");
            assertThat(owner.statusCode()).isEqualTo(200);
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(other.body()).get("error").asText()).isEqualTo("ImageNotFound");
            assertThat(glance.imageRequests()).hasSize(1);
        }
    }

    @Test
    void withKeystoneEachTokenGetsGlancesOwnAnswer() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g");
                TestService service = start(glance, "60000", "auth.strategy", "keystone")) {
            String uuid = image(glance);
            for (String token : List.of("token-a", "token-b", "token-a", "token-b")) {
                HttpResponse<String> answer = service.httpGet("/images/" + uuid, "X-Auth-Token", token);
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            assertThat(glance.imageRequests()).extracting(r -> r.header("X-Auth-Token"))
                    .containsExactly("token-a", "token-b");
        }
    }
}
