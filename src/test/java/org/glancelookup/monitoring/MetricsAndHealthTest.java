package org.glancelookup.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.RealDatabase;
import org.glancelookup.support.Images;
import org.glancelookup.support.TcpProxy;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * /metrics after a known mix of lookups, and /health/ready following the mapping store (PostgreSQL behind a
 * cuttable TCP proxy) and the Glance servers away and back.
 */
class MetricsAndHealthTest {

    private static double metric(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + labels + "\\} ([0-9.eE+-]+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void metricsCountOutcomesAndAttemptsPerServer() throws Exception {
        try (GlanceStandIn a = new GlanceStandIn("a"); GlanceStandIn b = new GlanceStandIn("b")) {
            String ok = UUID.randomUUID().toString();
            String down = UUID.randomUUID().toString();
            for (GlanceStandIn s : new GlanceStandIn[] {a, b}) {
                s.image(Images.publicImage(ok, "fine")).answer(down, 503);
            }
            try (TestService service = TestService.start(
                    "glance.api-servers", a.url() + "," + b.url(),
                    "glance.num-retries", "1")) {
                for (int i = 0; i < 3; i++) {
                    assertThat(service.httpGet("/images/" + ok).statusCode()).isEqualTo(200);
                }
                for (int i = 0; i < 2; i++) {
                    assertThat(service.httpGet("/images/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
                }
                assertThat(service.httpGet("/images/vol-1").statusCode()).isEqualTo(400);
                assertThat(service.httpGet("/images/" + down).statusCode()).isEqualTo(503);

                var response = service.httpGet("/metrics");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("text/plain"));
                String scrape = response.body();
                assertThat(metric(scrape, "glance_lookups_total", "outcome=\"ok\"")).isEqualTo(3);
                assertThat(metric(scrape, "glance_lookups_total", "outcome=\"ImageNotFound\"")).isEqualTo(2);
                assertThat(metric(scrape, "glance_lookups_total", "outcome=\"InvalidEc2Id\"")).isEqualTo(1);
                assertThat(metric(scrape, "glance_lookups_total", "outcome=\"GlanceConnectionFailed\"")).isEqualTo(1);
                // 3 ok + 2 not found answered, and each server's one schema request (v2); the 503 lookup failed
                // once on each server (a 503 is a failure, not an answer), retried once
                double answered = metric(scrape, "glance_attempts_total", "result=\"answered\",server=\"" + a.url() + "\"")
                        + metric(scrape, "glance_attempts_total", "result=\"answered\",server=\"" + b.url() + "\"");
                assertThat(answered).isEqualTo(a.requests().size() + b.requests().size() - 2);
                assertThat(metric(scrape, "glance_attempts_total", "result=\"failed\",server=\"" + a.url() + "\"")
                        + metric(scrape, "glance_attempts_total", "result=\"failed\",server=\"" + b.url() + "\""))
                        .isEqualTo(2);
                assertThat(metric(scrape, "glance_retries_total", "server=\"" + a.url() + "\"")
                        + metric(scrape, "glance_retries_total", "server=\"" + b.url() + "\"")).isEqualTo(1);
                assertThat(scrape).contains("glance_lookup_duration_seconds_bucket{");
            }
        }
    }

    @Test
    void readinessFollowsTheMappingStoreAndTheGlanceServers() throws Exception {
        try (RealDatabase.Schema schema = RealDatabase.POSTGRESQL.freshSchema();
             TcpProxy databaseNetwork = new TcpProxy("127.0.0.1", RealDatabase.POSTGRESQL.port);
             GlanceStandIn glance = new GlanceStandIn("g");
             TcpProxy glanceNetwork = new TcpProxy("127.0.0.1", URI.create(glance.url()).getPort())) {
            try (TestService service = TestService.start(
                    "glance.api-servers", "http://127.0.0.1:" + glanceNetwork.port(),
                    "mapping.jdbc-url", schema.url(databaseNetwork.port()),
                    "mapping.username", RealDatabase.POSTGRESQL.user,
                    "mapping.password", RealDatabase.POSTGRESQL.password,
                    "mapping.connection-timeout-ms", "500")) {
                awaitReady(service, 200);
                assertThat(service.httpGet("/health/live").statusCode()).isEqualTo(200);

                databaseNetwork.down();
                String body = awaitReady(service, 503);
                assertThat(body).contains("mapping-store").contains("DOWN");
                databaseNetwork.up();
                awaitReady(service, 200);

                glanceNetwork.down();
                assertThat(awaitReady(service, 503)).contains("no Glance server answers");
                glanceNetwork.up();
                awaitReady(service, 200);
                assertThat(service.httpGet("/health/live").statusCode()).isEqualTo(200);
            }
        }
    }

    private static String awaitReady(TestService service, int status) {
        String[] body = new String[1];
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
                var response = service.httpGet("/health/ready");
                body[0] = response.body();
                return response.statusCode() == status;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("readiness never became " + status + "; last answer: " + body[0], e);
        }
        return body[0];
    }

}
