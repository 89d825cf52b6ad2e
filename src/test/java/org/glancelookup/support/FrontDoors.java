package org.glancelookup.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service with one Glance server that knows one good image, reachable through its three front doors: what the
 * bad-input tests send their inputs through, each followed by a good lookup.
 */
public final class FrontDoors implements AutoCloseable {
    private static final String REQUESTS = "glance.image.lookup";
    private static final String REPLIES = "front-doors.replies";
    private final GlanceStandIn glance;
    private final TestService service;
    private final JmsClient client;
    private final String good;
    private final AtomicInteger sequence = new AtomicInteger();

    private FrontDoors(GlanceStandIn glance, TestService service, JmsClient client, String good) {
        this.glance = glance;
        this.service = service;
        this.client = client;
        this.good = good;
    }

    /** @param settings settings over {@link TestService#defaults()} */
    public static FrontDoors start(Map<String, String> settings) throws Exception {
        GlanceStandIn glance = new GlanceStandIn("g");
        String good = UUID.randomUUID().toString();
        glance.image(Images.publicImage(good, "good"));
        int brokerPort = FreePorts.next();
        Map<String, String> all = TestService.defaults(
                "broker.embedded-port", String.valueOf(brokerPort),
                "glance.api-servers", glance.url());
        all.putAll(settings);
        TestService service = TestService.start(all);
        return new FrontDoors(glance, service, new JmsClient("tcp://127.0.0.1:" + brokerPort), good);
    }

    public GlanceStandIn glance() {
        return glance;
    }

    public TestService service() {
        return service;
    }

    /** The uuid of the image Glance knows. */
    public String good() {
        return good;
    }

    /** Sends the body to the request queue and returns the reply's text (its correlation id checked). */
    public String viaQueue(String body) throws Exception {
        String correlation = "req-" + sequence.incrementAndGet();
        client.send(REQUESTS, client.text(body), REPLIES, correlation);
        Message reply = client.receive(REPLIES, 20000);
        assertThat(reply).as(correlation).isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlation);
        return ((TextMessage) reply).getText();
    }

    public boolean nothingDeadLettered() throws Exception {
        return client.receive("DLQ." + REQUESTS, 200) == null;
    }

    @Override
    public void close() throws Exception {
        client.close();
        service.close();
        glance.close();
    }
}
