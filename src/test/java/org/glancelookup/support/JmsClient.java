package org.glancelookup.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A plain JMS client on a broker's TCP port: what another team's program would use to send lookups. */
public final class JmsClient implements AutoCloseable {
    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;

    public JmsClient(String url) throws JMSException {
        this.factory = new ActiveMQConnectionFactory(url);
        this.connection = factory.createConnection();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    public Session session() {
        return session;
    }

    public Queue queue(String name) throws JMSException {
        return session.createQueue(name);
    }

    public TextMessage text(String body) throws JMSException {
        return session.createTextMessage(body);
    }

    /** Sends a request; replyTo may be null (fire and forget). */
    public void send(String queue, Message message, String replyTo, String correlationId) throws JMSException {
        if (replyTo != null) {
            message.setJMSReplyTo(queue(replyTo));
        }
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        try (var producer = session.createProducer(queue(queue))) {
            producer.send(message);
        }
    }

    public Message receive(String queue, long timeoutMs) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(queue(queue))) {
            return consumer.receive(timeoutMs);
        }
    }

    /** Everything on a queue now (waiting up to the timeout for each next message). */
    public List<Message> drain(String queue, long timeoutMs) throws JMSException {
        List<Message> messages = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(queue(queue))) {
            for (Message m = consumer.receive(timeoutMs); m != null; m = consumer.receive(timeoutMs)) {
                messages.add(m);
            }
        }
        return messages;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
