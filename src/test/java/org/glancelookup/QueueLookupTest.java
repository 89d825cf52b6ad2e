package org.glancelookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * {@code send ID} against a running service: the request goes over TCP to its broker's request queue, the reply is
 * printed, and the exit status says metadata (0) or error (1); with no broker there, it says so at once.
 */
class QueueLookupTest {
    @Test
    void sendsOneRequestToTheRunningServiceAndPrintsItsReply() throws Exception {
        try (TestService service = TestService.start("broker.embedded-port", String.valueOf(FreePorts.next()))) {
            Sent found = send("ami-00000001", service::setting);
            assertThat(found.outcome).as(found.err).isEqualTo(QueueLookup.Outcome.METADATA);
            JsonNode metadata = JSON.readTree(found.out);
            assertThat(metadata.path("ec2_id").asText()).isEqualTo("ami-00000001");
            assertThat(metadata.path("id").asInt()).isEqualTo(1);

            Sent missing = send("ami-000000ff", service::setting);
            assertThat(missing.outcome).isEqualTo(QueueLookup.Outcome.ERROR_ANSWER);
            JsonNode error = JSON.readTree(missing.out);
            assertThat(error.path("error").asText()).isEqualTo("ImageNotFound");
            assertThat(error.path("request_id").asText()).as("the request is known by its correlation id")
                    .startsWith("send-");
        }
    }

    @Test
    void withoutABrokerItFailsAtOnceAndSaysWhatToDo() {
        int nobody = FreePorts.next();
        long started = System.nanoTime();
        Sent sent = send("ami-00000001", key -> key.equals("broker.embedded-port") ? String.valueOf(nobody)
                : key.equals("lookup.jms.request-queue") ? "glance.image.lookup" : "");
        assertThat(sent.outcome).isEqualTo(QueueLookup.Outcome.NO_BROKER);
        assertThat(sent.out).isEmpty();
        assertThat(sent.err).contains("cannot reach the broker at tcp://127.0.0.1:" + nobody)
                .contains("Is the service running");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to fail").isLessThan(10_000);
    }

    @Test
    void anythingButOneIdIsAUsageError() throws Exception {
        assertThat(QueueLookup.run(new String[0])).isEqualTo(2);
    }

    private record Sent(QueueLookup.Outcome outcome, String out, String err) {
    }

    private static Sent send(String id, java.util.function.UnaryOperator<String> settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        QueueLookup.Outcome outcome = QueueLookup.send(id, key -> {
            String value = settings.apply(key);
            return value == null ? "" : value;
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Sent(outcome, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8));
    }
}
