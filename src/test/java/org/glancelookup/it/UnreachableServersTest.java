package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.LogCapture;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/** Refused connections and malformed endpoint entries are retried on the next server, as Nova does. */
class UnreachableServersTest {
    @Test
    void refusedAndMalformedServersAreSkippedByRetries() throws Exception {
        String dead = "http://127.0.0.1:" + FreePorts.next();
        String malformed = "http://bad host:1";
        try (GlanceStandIn good = new GlanceStandIn("good")) {
            String uuid = UUID.randomUUID().toString();
            good.image(Images.publicImage(uuid, "reachable"));
            try (TestService service = TestService.start(
                    "glance.api-servers", dead + "," + malformed + "," + good.url(),
                    "glance.num-retries", "2");
                    LogCapture logs = LogCapture.at(Level.INFO)) {
                for (int i = 0; i < 3; i++) {
                    Exchange answer = service.lookup(uuid);
                    assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isNull();
                    assertThat(answer.getMessage().getHeader("GlanceServer")).isEqualTo(good.url());
                }
                // each lookup reached the good server exactly once
                assertThat(good.imageRequests()).hasSize(3);
                List<String> retrying = logs.lines().stream().filter(l -> l.startsWith("WARN")
                        && l.contains("Error contacting glance server") && l.contains("retrying")).toList();
                // one shared cursor, three attempts per lookup over three servers: every lookup starts at the
                // dead server again, so each lookup fails twice before the good server answers
                assertThat(retrying).hasSize(6);
                assertThat(retrying).anyMatch(l -> l.contains("'" + dead + "'") && l.contains("Connect"));
                assertThat(retrying).anyMatch(l -> l.contains("'" + malformed + "'") && l.contains("invalid endpoint"));
            }
        }
    }

    @Test
    void allServersDownEndsInGlanceConnectionFailedAfterTheLastAttempt() throws Exception {
        String dead1 = "http://127.0.0.1:" + FreePorts.next();
        String dead2 = "http://127.0.0.1:" + FreePorts.next();
        try (TestService service = TestService.start(
                "glance.api-servers", dead1 + "," + dead2,
                "glance.num-retries", "1");
                LogCapture logs = LogCapture.at(Level.INFO)) {
            var response = service.httpGet("/images/" + UUID.randomUUID());

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("error").asText()).isEqualTo("GlanceConnectionFailed");
            assertThat(error.get("message").asText()).matches(
                    "Connection to glance host http://127\\.0\\.0\\.1:\\d+ failed: .+");
            List<String> attempts = logs.lines().stream()
                    .filter(l -> l.startsWith("WARN") && l.contains("Error contacting glance server")).toList();
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0)).contains("retrying");
            assertThat(attempts.get(1)).contains("done trying");
            assertThat(serverIn(attempts.get(0))).isNotEqualTo(serverIn(attempts.get(1)));

            // an infrastructure failure is answered, but is no business error message: the errors queue's
            // first message is the business error that came after it
            assertThat(service.httpGet("/images/vol-1").statusCode()).isEqualTo(400);
            ConsumerTemplate consumer = service.context().createConsumerTemplate();
            String first = consumer.receiveBody("jms:queue:glance.image.lookup.errors", 10000, String.class);
            assertThat(JSON.readTree(first).get("error").asText()).isEqualTo("InvalidEc2Id");
            consumer.stop();
        }
    }

    private static String serverIn(String logLine) {
        int start = logLine.indexOf('\'');
        return logLine.substring(start, logLine.indexOf('\'', start + 1) + 1);
    }
}
