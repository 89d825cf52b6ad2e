package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.glancelookup.support.TestJson.JSON;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * Health-aware round robin (glance.server-cool-down-ms) on three real HTTP stand-ins: a server that failed as
 * unavailable is passed over for its cool-down, gets attempts again after it, and an attempt is never refused
 * because every server is cooling down.
 */
class ServerCoolDownTest {
    // a server that answers 503 to everything fails each v2 attempt on its schema request: requests() counts
    // the attempts that reached it, imageRequests() the image requests of the healthy ones
    private static TestService start(String coolDownMs, GlanceStandIn... servers) throws Exception {
        return TestService.start(
                "glance.api-servers", String.join(",", Stream.of(servers).map(GlanceStandIn::url).toList()),
                "glance.num-retries", "2",
                "glance.server-cool-down-ms", coolDownMs);
    }

    private static String image(GlanceStandIn... servers) {
        String uuid = UUID.randomUUID().toString();
        Stream.of(servers).forEach(s -> s.image(Images.publicImage(uuid, "img")));
        return uuid;
    }

    @Test
    void aFailedServerIsPassedOverDuringItsCoolDownAndTriedAfterIt() throws Exception {
        try (GlanceStandIn a = new GlanceStandIn("a"); GlanceStandIn b = new GlanceStandIn("b");
                GlanceStandIn c = new GlanceStandIn("c"); TestService service = start("1500", a, b, c)) {
            String uuid = image(a, b, c);
            c.answerAll(503);
            for (int i = 0; i < 12; i++) {
                assertThat(JSON.readTree(service.lookupBody(uuid)).get("uuid").asText()).isEqualTo(uuid);
            }
            assertThat(c.requests()).as("c failed once, then was passed over").hasSize(1);
            // the healthy two share the rest (round robin between them)
            assertThat(a.imageRequests().size()).isBetween(5, 7);
            assertThat(b.imageRequests().size()).isBetween(5, 7);

            c.answerAll(0);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                service.lookupBody(uuid);
                return c.imageRequests().size() > 1;
            });
            assertThat(c.imageRequests()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void whenEveryServerIsCoolingDownTheAttemptsStillGoOut() throws Exception {
        try (GlanceStandIn a = new GlanceStandIn("a"); GlanceStandIn b = new GlanceStandIn("b");
                GlanceStandIn c = new GlanceStandIn("c"); TestService service = start("60000", a, b, c)) {
            String uuid = image(a, b, c);
            Stream.of(a, b, c).forEach(s -> s.answerAll(503));
            for (int i = 0; i < 3; i++) {
                assertThat(JSON.readTree(service.lookupBody(uuid)).get("error").asText())
                        .isEqualTo("GlanceConnectionFailed");
            }
            assertThat(Stream.of(a, b, c).mapToInt(s -> s.requests().size()).sum())
                    .as("1 + num_retries attempts per lookup, cooling down or not").isEqualTo(9);
            Stream.of(a, b, c).forEach(s -> s.answerAll(0));
            assertThat(JSON.readTree(service.lookupBody(uuid)).get("uuid").asText()).isEqualTo(uuid);
        }
    }

    @Test
    void zeroIsNovasPlainRoundRobin() throws Exception {
        try (GlanceStandIn a = new GlanceStandIn("a"); GlanceStandIn b = new GlanceStandIn("b");
                GlanceStandIn c = new GlanceStandIn("c"); TestService service = start("0", a, b, c)) {
            String uuid = image(a, b, c);
            c.answerAll(503);
            for (int i = 0; i < 9; i++) {
                service.lookupBody(uuid);
            }
            assertThat(c.requests()).as("c keeps its turn").hasSizeGreaterThanOrEqualTo(3);
        }
    }
}
