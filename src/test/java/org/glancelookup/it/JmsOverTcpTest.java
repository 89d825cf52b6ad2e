package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * Another process's view: a plain JMS client on the embedded broker's loopback TCP port sends a request with
 * JMSReplyTo and JMSCorrelationID, and gets the answer there.
 */
class JmsOverTcpTest {
    @Test
    void plainJmsClientGetsItsAnswerOnJmsReplyTo() throws Exception {
        int port = FreePorts.next();
        try (TestService service = TestService.start("broker.embedded-port", String.valueOf(port));
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue requests = session.createQueue("glance.image.lookup");
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(requests);
            MessageConsumer consumer = session.createConsumer(replies);

            TextMessage request = session.createTextMessage("{\"image_id\": \"ami-00000004\"}");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("tcp-corr-1");
            producer.send(request);

            Message reply = consumer.receive(20000);
            assertThat(reply).isInstanceOf(TextMessage.class);
            assertThat(reply.getJMSCorrelationID()).isEqualTo("tcp-corr-1");
            assertThat(JSON.readTree(((TextMessage) reply).getText()).get("name").asText())
                    .isEqualTo("fedora-40-för-entwickler");
            // no request_id in the request: its correlation id names it, in every redelivery too
            assertThat(reply.getStringProperty("LookupRequestId")).isEqualTo("tcp-corr-1");
            assertThat(reply.getJMSExpiration()).as("replies carry a time-to-live").isPositive();
        }
    }
}
