package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancelookup.support.FrontDoors;
import org.glancelookup.support.JmsClient;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker's memory and disk are bounded, and an answer whose copy the broker does not take is never
 * dropped silently: the caller gets ServiceBusy (503, Retry-After) and the metric counts it; a queued request is
 * rolled back and answered once the copy can be stored again.
 */
class BrokerLimitsTest {
    private static final String DOWNSTREAM = "glance.image.metadata";

    @Test
    void aFullDownstreamQueueAnswersServiceBusyAndLosesNothing() throws Exception {
        // 32 KiB in memory, then 64 KiB pages, two of them: a few hundred answers fill it
        try (FrontDoors doors = FrontDoors.start(Map.of("broker.address-max-size-bytes", "32768",
                "broker.page-size-bytes", "65536", "broker.page-limit-bytes", "131072"))) {
            int stored = 0;
            HttpResponse<String> busy = null;
            for (int i = 0; i < 5000 && busy == null; i++) {
                HttpResponse<String> answer = doors.service().httpGet("/images/" + doors.good());
                if (answer.statusCode() == 200) {
                    assertThat(JSON.readTree(answer.body()).get("uuid").asText()).isEqualTo(doors.good());
                    stored++;
                } else {
                    busy = answer;
                }
            }
            assertThat(busy).as("a ServiceBusy answer once the downstream queue is full").isNotNull();
            assertThat(stored).isGreaterThan(20);
            assertBusy(busy, "queue is full");
            // every 200 has its copy, and the refused answer has none
            assertThat(metric(doors, "glance_broker_queue_messages", DOWNSTREAM)).isEqualTo(stored);
            assertThat(metric(doors, "glance_broker_queue_paged_bytes", DOWNSTREAM)).isPositive();
            assertThat(metric(doors, "glance_broker_sends_refused_total", "full")).isEqualTo(1);
            assertThat(metric(doors, "glance_lookups_total", "ServiceBusy")).isEqualTo(1);

            // a queued request meanwhile is rolled back, not answered, not dead-lettered...
            try (JmsClient client = new JmsClient("tcp://127.0.0.1:" + doors.service().setting(
                    "broker.embedded-port"))) {
                client.send("glance.image.lookup", client.text(doors.good()), "limits.replies", "queued-1");
                assertThat(client.receive("limits.replies", 1500)).isNull();
                // ...until the downstream queue is read: then the redelivered request is answered
                List<Message> copies = client.drain(DOWNSTREAM, 2000);
                assertThat(copies).hasSizeGreaterThanOrEqualTo(stored);
                Message reply = client.receive("limits.replies", 30000);
                assertThat(reply).as("the queued request's answer after the queue was read").isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("queued-1");
                assertThat(JSON.readTree(((TextMessage) reply).getText()).get("uuid").asText())
                        .isEqualTo(doors.good());
                assertThat(doors.nothingDeadLettered()).isTrue();
            }
            assertThat(doors.service().httpGet("/images/" + doors.good()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBrokerThatBlocksProducersAnswersServiceBusyWithinTheSendTimeout() throws Exception {
        // a disk "full" at 1%: Artemis stops granting producers credits and a send would wait for ever
        try (FrontDoors doors = FrontDoors.start(Map.of("broker.max-disk-usage-percent", "1",
                "broker.send-timeout-ms", "500"))) {
            HttpResponse<String> busy = null;
            long busyMs = 0;
            for (int i = 0; i < 2000 && busy == null; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = doors.service().httpGet("/images/" + doors.good());
                if (answer.statusCode() != 200) {
                    busy = answer;
                    busyMs = (System.nanoTime() - start) / 1_000_000;
                }
            }
            assertThat(busy).as("a ServiceBusy answer once the broker blocks").isNotNull();
            assertBusy(busy, "did not take it in time");
            assertThat(busyMs).isBetween(450L, 5000L);
            assertThat(metric(doors, "glance_broker_sends_refused_total", "timeout")).isGreaterThanOrEqualTo(1);
            // the next lookups are answered the same way, each within the timeout, and the service stays up
            long start = System.nanoTime();
            HttpResponse<String> next = doors.service().httpGet("/images/" + doors.good());
            assertThat(next.statusCode()).isEqualTo(503);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
            assertThat(doors.service().httpGet("/health/live").statusCode()).isEqualTo(200);
        }
    }

    private static void assertBusy(HttpResponse<String> answer, String why) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.get("error").asText()).isEqualTo("ServiceBusy");
        assertThat(error.get("message").asText()).contains(why);
    }

    /** One sample of /metrics whose labels include the given value. */
    private static double metric(FrontDoors doors, String name, String label) throws Exception {
        String text = doors.service().httpGet("/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\"" + Pattern.quote(label) + "\"[^}]*} (\\S+)$")
                .matcher(text);
        assertThat(m.find()).as(name + " for " + label + " in:\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
