package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.glancelookup.support.DemoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JMS request/reply over the embedded Artemis broker, and the downstream and errors queues. */
class JmsFrontDoorTest {
    @RegisterExtension
    static final DemoService SERVICE = new DemoService();
    private static ProducerTemplate producer;
    private static ConsumerTemplate consumer;

    @BeforeAll
    static void start() throws Exception {
        producer = SERVICE.get().context().createProducerTemplate();
        consumer = SERVICE.get().context().createConsumerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        producer.stop();
        consumer.stop();
    }

    private static Exchange request(String body, String correlationId) {
        return producer.send("jms:queue:glance.image.lookup?requestTimeout=20000", ExchangePattern.InOut, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader("JMSCorrelationID", correlationId);
        });
    }

    @Test
    void requestReplyWithMetadataAndTheDownstreamCopy() throws Exception {
        Exchange reply = request("{\"image_id\": \"ami-00000001\", \"request_id\": \"req-jms-1\"}", "corr-1");

        assertThat(reply.getException()).isNull();
        JsonNode metadata = JSON.readTree(reply.getMessage().getBody(String.class));
        assertThat(metadata.get("ec2_id").asText()).isEqualTo("ami-00000001");
        assertThat(reply.getMessage().getHeader("JMSCorrelationID")).isEqualTo("corr-1");
        assertThat(reply.getMessage().getHeader("LookupRequestId")).isEqualTo("req-jms-1");
        assertThat(reply.getMessage().getHeader("GlanceApiVersion")).isNotNull();

        String downstream = consumer.receiveBody("jms:queue:glance.image.metadata", 10000, String.class);
        assertThat(downstream).isNotNull();
        assertThat(JSON.readTree(downstream)).isEqualTo(metadata);
    }

    @Test
    void bareIdTextMessage() throws Exception {
        Exchange reply = request("ari-00000003", "corr-2");
        assertThat(JSON.readTree(reply.getMessage().getBody(String.class)).get("ec2_id").asText())
                .isEqualTo("ari-00000003");
        assertThat(consumer.receiveBody("jms:queue:glance.image.metadata", 10000, String.class)).isNotNull();
    }

    @Test
    void businessErrorsAreRepliedAndSentToTheErrorsQueue() throws Exception {
        Exchange reply = request("{\"image_id\": \"ami-0000beef\", \"request_id\": \"req-jms-3\"}", "corr-3");

        JsonNode error = JSON.readTree(reply.getMessage().getBody(String.class));
        assertThat(error.get("error").asText()).isEqualTo("ImageNotFound");
        assertThat(error.get("request_id").asText()).isEqualTo("req-jms-3");
        assertThat(reply.getMessage().getHeader("JMSCorrelationID")).isEqualTo("corr-3");
        assertThat(reply.getMessage().getHeader("LookupError")).isEqualTo("ImageNotFound");

        String published = consumer.receiveBody("jms:queue:glance.image.lookup.errors", 10000, String.class);
        assertThat(JSON.readTree(published)).isEqualTo(error);
    }

    @Test
    void notJsonIsAnInvalidRequestAnswer() throws Exception {
        Exchange reply = request("{this is not json", "corr-4");
        assertThat(JSON.readTree(reply.getMessage().getBody(String.class)).get("error").asText())
                .isEqualTo("InvalidRequest");
        assertThat(consumer.receiveBody("jms:queue:glance.image.lookup.errors", 10000, String.class)).isNotNull();
    }
}
