package org.glancelookup;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * {@code send ID}: one lookup request on a running service's request queue, over TCP, as a queue caller sends it;
 * prints the reply (the metadata or the error JSON) and exits 0 for metadata, 1 for an error or no reply.
 */
final class QueueLookup {
    private static final long REPLY_WAIT_MS = 60_000;

    /** How a send ended; the exit status follows from it. */
    enum Outcome {
        METADATA(0), ERROR_ANSWER(1), NO_REPLY(1), NO_BROKER(1);

        final int exitStatus;

        Outcome(int exitStatus) {
            this.exitStatus = exitStatus;
        }
    }

    private QueueLookup() {
    }

    static int run(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar glance-lookup.jar send IMAGE_ID");
            return 2;
        }
        System.setProperty("glance.log.target", "SYSTEM_ERR"); // stdout is the reply's alone
        System.setProperty("glance.log.level", System.getProperty("glance.log.level", "WARN"));
        try (CommandSettings settings = new CommandSettings()) {
            return send(args[0], settings, System.out, System.err).exitStatus;
        }
    }

    static Outcome send(String imageId, UnaryOperator<String> settings, PrintStream out, PrintStream err) {
        String url = settings.apply("broker.url").isEmpty()
                ? "tcp://127.0.0.1:" + settings.apply("broker.embedded-port") : settings.apply("broker.url");
        String shown = url.replaceAll("\\?.*", ""); // a broker URL's query may carry its user and password
        String queue = settings.apply("lookup.jms.request-queue");
        // one connection attempt: no service, no broker, and the caller should hear so at once
        String connectOnce = url.contains("?") ? "&initialConnectAttempts=1" : "?initialConnectAttempts=1";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url + connectOnce);
             Connection connection = connect(factory, settings.apply("broker.username"),
                     settings.apply("broker.password"))) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage request = session.createTextMessage(imageId);
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("send-" + UUID.randomUUID());
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.send(request);
            }
            Message reply = session.createConsumer(replies).receive(REPLY_WAIT_MS);
            if (reply == null) {
                err.println("no reply in " + REPLY_WAIT_MS / 1000 + " s from the service on " + shown + " (queue "
                        + queue + "): is its JMS front door running? The request stays queued for it.");
                return Outcome.NO_REPLY;
            }
            out.println(reply.getBody(String.class));
            return reply.getStringProperty("LookupError") == null ? Outcome.METADATA : Outcome.ERROR_ANSWER;
        } catch (JMSException e) {
            err.println("cannot reach the broker at " + shown + ": " + e.getMessage() + ". Is the service running"
                    + " (java -jar target/glance-lookup.jar), or is broker.url set to its broker?");
            return Outcome.NO_BROKER;
        }
    }

    private static Connection connect(ActiveMQConnectionFactory factory, String user, String password)
            throws JMSException {
        return user.isEmpty() ? factory.createConnection() : factory.createConnection(user, password);
    }
}
