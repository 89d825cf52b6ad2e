package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.JmsClient;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transacted JMS on the embedded broker: infrastructure failures roll back and are redelivered, then
 * dead-lettered intact; business errors and poison messages are answered once and never loop.
 */
class JmsDeliveryTest {
    private static final String REQUESTS = "glance.image.lookup";
    private static final String REPLIES = "test.replies";
    private static final String ERRORS = "glance.image.lookup.errors";
    private static final String DOWNSTREAM = "glance.image.metadata";
    private static GlanceStandIn glance;
    private static TestService service;
    private static JmsClient client;
    private static String image;

    @BeforeAll
    static void start() throws Exception {
        glance = new GlanceStandIn("g");
        image = UUID.randomUUID().toString();
        glance.image(Images.publicImage(image, "queued-lookups"));
        int port = FreePorts.next();
        service = TestService.start(
                "broker.embedded-port", String.valueOf(port),
                "glance.api-servers", glance.url(),
                "lookup.jms.max-deliveries", "3",
                "lookup.jms.redelivery-delay-ms", "100",
                "lookup.jms.max-redelivery-delay-ms", "400");
        client = new JmsClient("tcp://127.0.0.1:" + port);
    }

    /** Each test starts from empty reply, error and downstream queues. */
    @org.junit.jupiter.api.BeforeEach
    void emptyQueues() throws Exception {
        for (String queue : List.of(REPLIES, ERRORS, DOWNSTREAM, "DLQ." + REQUESTS)) {
            client.drain(queue, 100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        service.close();
        glance.close();
    }

    private static JsonNode json(Message message) throws Exception {
        return JSON.readTree(((TextMessage) message).getText());
    }

    /** A good request right after: the service is still answering. */
    private static void assertStillAnswering() throws Exception {
        String id = "alive-" + UUID.randomUUID();
        client.send(REQUESTS, client.text(image), REPLIES, id);
        Message reply = client.receive(REPLIES, 20000);
        assertThat(reply).isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(id);
        assertThat(json(reply).get("uuid").asText()).isEqualTo(image);
        client.drain(DOWNSTREAM, 200);
    }

    @Test
    void glanceDownIsRedeliveredThenDeadLetteredIntact() throws Exception {
        glance.answerAll(503);
        try {
            TextMessage request = client.text("{\"image_id\": \"" + image + "\", \"request_id\": \"req-dlq-1\"}");
            request.setStringProperty("CallerTag", "keep-me");
            int before = glance.requests().size();
            client.send(REQUESTS, request, REPLIES, "corr-dlq-1");

            Message dead = client.receive("DLQ." + REQUESTS, 30000);
            assertThat(dead).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) dead).getText()).isEqualTo(request.getText());
            assertThat(dead.getJMSCorrelationID()).isEqualTo("corr-dlq-1");
            assertThat(dead.getStringProperty("CallerTag")).isEqualTo("keep-me");
            // three deliveries, one attempt each (num-retries=0): no more, no less
            assertThat(glance.requests().size() - before).isEqualTo(3);
            // not answered, not reported as a business error
            assertThat(client.receive(REPLIES, 500)).isNull();
            assertThat(client.receive(ERRORS, 500)).isNull();
        } finally {
            glance.answerAll(0);
        }
        assertStillAnswering();
    }

    @Test
    void aPassingOutageIsRidOutByRedelivery() throws Exception {
        glance.answerAll(503);
        int before = glance.requests().size();
        client.send(REQUESTS, client.text(image), REPLIES, "corr-outage");
        await().atMost(Duration.ofSeconds(20)).until(() -> glance.requests().size() - before >= 2);
        glance.answerAll(0);

        Message reply = client.receive(REPLIES, 20000);
        assertThat(reply).isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-outage");
        assertThat(json(reply).get("uuid").asText()).isEqualTo(image);
        assertThat(client.drain(DOWNSTREAM, 500)).hasSize(1);
        assertThat(client.receive("DLQ." + REQUESTS, 300)).isNull();
    }

    @Test
    void businessErrorsAreAnsweredOnceAndNeverRedelivered() throws Exception {
        int before = glance.requests().size();
        String missing = UUID.randomUUID().toString();
        client.send(REQUESTS, client.text(missing), REPLIES, "corr-404");

        Message reply = client.receive(REPLIES, 20000);
        assertThat(json(reply).get("error").asText()).isEqualTo("ImageNotFound");
        assertThat(client.drain(ERRORS, 500)).hasSize(1);
        assertThat(glance.requests().size() - before).isEqualTo(1);
        assertThat(client.receive(REPLIES, 300)).isNull();
    }

    @Test
    void poisonMessagesAreAnsweredWithInvalidRequestAndNeverLoop() throws Exception {
        BytesMessage garbage = client.session().createBytesMessage();
        garbage.writeBytes(new byte[] {(byte) 0xff, 0x00, 0x7b, 0x22});
        MapMessage noId = client.session().createMapMessage();
        noId.setString("imageId", "ami-00000001");
        List<Message> poisons = List.of(
                client.text("{not json"),
                client.text("{\"image_id\": [1, 2]}"),
                client.text("x".repeat(1024 * 1024)),
                client.text(""),
                client.text("[\"ami-00000001\"]"),
                garbage,
                noId,
                client.session().createObjectMessage(new java.util.ArrayList<>(List.of("ami-00000001"))),
                client.session().createMessage());
        int i = 0;
        for (Message poison : poisons) {
            String id = "poison-" + i++;
            client.send(REQUESTS, poison, REPLIES, id);
            Message reply = client.receive(REPLIES, 20000);
            assertThat(reply).as(id).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo(id);
            assertThat(json(reply).get("error").asText()).as(id).isEqualTo("InvalidRequest");
            assertThat(json(reply).get("request_id").asText()).as(id).isEqualTo(id);
            assertThat(client.receive(ERRORS, 5000)).as(id).isNotNull();
            assertStillAnswering();
        }
        assertThat(client.receive("DLQ." + REQUESTS, 300)).isNull();
    }

    @Test
    void fireAndForgetRequestsStillPublish() throws Exception {
        client.send(REQUESTS, client.text(image), null, "faf-1");
        Message downstream = client.receive(DOWNSTREAM, 20000);
        assertThat(downstream).isNotNull();
        assertThat(downstream.getStringProperty("LookupRequestId")).isEqualTo("faf-1");
        assertThat(json(downstream).get("uuid").asText()).isEqualTo(image);

        client.send(REQUESTS, client.text("vol-00000001"), null, "faf-2");
        Message error = client.receive(ERRORS, 20000);
        assertThat(error.getStringProperty("LookupRequestId")).isEqualTo("faf-2");
        assertThat(json(error).get("error").asText()).isEqualTo("InvalidEc2Id");
    }
}
