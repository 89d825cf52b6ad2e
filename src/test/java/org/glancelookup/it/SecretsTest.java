package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.JmsClient;
import org.glancelookup.support.JmxAttributes;
import org.glancelookup.support.LogCapture;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * A run with a known auth token and database password through every front door and every kind of outcome
 * (answers, Glance errors, retries, malformed requests), then a search for both secrets in every log line at
 * every level, every answer (body and headers), every JMX attribute Hawtio could show, and the metrics.
 */
class SecretsTest {
    private static final String TOKEN = "gAAAAAB-known-token-5e1f0c9d";
    private static final String DB_PASSWORD = "db-known-password-77ab21";
    private static final String KEYSTONE_PASSWORD = "ks-known-password-0c41e7";
    private static final String KEYSTONE_SECRET = "ks-known-secret-9d2f6a";

    private static String request(String imageId) {
        return "{\"image_id\": \"" + imageId + "\", \"context\": {\"auth_token\": \"" + TOKEN
                + "\", \"project_id\": \"p1\"}}";
    }

    @Test
    void neitherSecretAppearsAnywhere() throws Exception {
        List<String> seen = new ArrayList<>();
        try (GlanceStandIn glance = new GlanceStandIn("g"); LogCapture logs = LogCapture.at(Level.ALL)) {
            String ok = UUID.randomUUID().toString();
            String unavailable = UUID.randomUUID().toString();
            String forbidden = UUID.randomUUID().toString();
            glance.image(Images.publicImage(ok, "ok"));
            glance.answer(unavailable, 503).answer(forbidden, 401);
            int brokerPort = FreePorts.next();
            try (TestService service = TestService.start(
                    "broker.embedded-port", String.valueOf(brokerPort),
                    "glance.api-servers", glance.url() + ",127.0.0.1:" + FreePorts.next(),
                    "glance.num-retries", "1",
                    "auth.strategy", "keystone",
                    "mapping.password", DB_PASSWORD);
                    JmsClient client = new JmsClient("tcp://127.0.0.1:" + brokerPort)) {
                for (String id : List.of(ok, unavailable, forbidden, "ami-0000zzzz", "ami-7fffffff")) {
                    seen.add(service.lookupBody(request(id)));
                    var http = service.httpGet("/images/" + id, "X-Auth-Token", TOKEN);
                    seen.add(http.body());
                    seen.add(http.headers().map().toString());
                    client.send("glance.image.lookup", client.text(request(id)), "secrets.replies", "c-" + id);
                }
                // a token with a line break is refused, not echoed
                seen.add(service.lookupBody("{\"image_id\": \"" + ok + "\", \"context\": {\"auth_token\": \""
                        + TOKEN + "\\r\\nX-Evil: 1\"}}"));
                for (Message reply : client.drain("secrets.replies", 5000)) {
                    seen.add(((TextMessage) reply).getText());
                }
                for (String queue : List.of("glance.image.metadata", "glance.image.lookup.errors")) {
                    for (Message message : client.drain(queue, 500)) {
                        seen.add(((TextMessage) message).getText());
                        seen.add(String.valueOf(java.util.Collections.list(message.getPropertyNames())));
                    }
                }
                // every other HTTP endpoint: nothing the caller sent comes back in an answer's headers
                for (String path : List.of("/metrics", "/health/live", "/health/ready", "/nothing", "/images/a/b")) {
                    var http = service.httpGet(path, "X-Auth-Token", TOKEN);
                    seen.add(http.body());
                    seen.add(http.headers().map().toString());
                }
                seen.addAll(JmxAttributes.all());
            }
            seen.addAll(logs.lines());
            assertThat(glance.imageRequests()).extracting(r -> r.header("X-Auth-Token")).contains(TOKEN);
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(seen.stream().flatMap(text -> leaks(text).stream()).toList())
                .as("answers, logs, JMX attributes and metrics showing a secret").isEmpty();
    }

    /**
     * The service's own Keystone password and application credential secret (auth.strategy=service, the Glance
     * servers from the catalog), with a Keystone that is not there: the settings' summaries, the identity's log
     * lines, the IdentityUnavailable answers, readiness, metrics and JMX (KeystoneInteropTest has a real one).
     */
    @Test
    void neitherKeystoneSecretAppearsAnywhere() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.at(Level.ALL)) {
            try (TestService service = TestService.start(
                    "auth.strategy", "service",
                    "keystone.auth-url", "http://127.0.0.1:" + FreePorts.next() + "/v3",
                    "keystone.username", "lookup-svc", "keystone.password", KEYSTONE_PASSWORD,
                    "keystone.project-name", "lookup",
                    "keystone.application-credential-id", "ac-1",
                    "keystone.application-credential-secret", KEYSTONE_SECRET)) {
                for (String id : List.of(UUID.randomUUID().toString(), "ami-00000001")) {
                    String answer = service.lookupBody(id);
                    // (the EC2 id is not in the empty mapping store: ImageNotFound before Glance)
                    assertThat(answer).containsAnyOf("IdentityUnavailable", "ImageNotFound");
                    seen.add(answer);
                    var http = service.httpGet("/images/" + id);
                    seen.add(http.body());
                    seen.add(http.headers().map().toString());
                }
                for (String path : List.of("/metrics", "/health/ready")) {
                    seen.add(service.httpGet(path).body());
                }
                assertThat(seen).anyMatch(text -> text.contains("\"error\":\"IdentityUnavailable\""));
                seen.addAll(JmxAttributes.all());
            }
            seen.addAll(logs.lines());
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(seen.stream().flatMap(text -> leaks(text).stream()).toList())
                .as("answers, logs, JMX attributes and metrics showing a Keystone secret").isEmpty();
    }

    /** Where a secret shows in the text, with some context. */
    private static List<String> leaks(String text) {
        List<String> found = new ArrayList<>();
        for (String secret : List.of(TOKEN, DB_PASSWORD, KEYSTONE_PASSWORD, KEYSTONE_SECRET)) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                found.add(text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100)));
            }
        }
        return found;
    }
}
