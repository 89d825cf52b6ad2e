package org.glancelookup.camel;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.glancelookup.camel.GlanceLookupConfiguration.Settings;
import org.glancelookup.step.StopWithCamel;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The messaging part of the wiring: the embedded or external broker, its pooled connections, the jms component. */
final class BrokerConnection {
    // the wiring's logger, as before the split (log configuration and readers key on it)
    private static final Logger LOG = LoggerFactory.getLogger(GlanceLookupConfiguration.class);

    private BrokerConnection() {
    }

    /** The broker connection (pooled), or null in one-shot mode. */
    static ConnectionFactory configure(CamelContext context, Settings settings, LookupMetrics metrics)
            throws Exception {
        if (settings.bool("lookup.one-shot")) {
            return null; // a one-shot lookup answers on stdout: no broker
        }
        String url = settings.get("broker.url");
        ActiveMQConnectionFactory factory;
        if (url == null || url.isBlank()) {
            EmbeddedBroker broker = new EmbeddedBroker(Path.of(settings.get("broker.data-dir")),
                    settings.integer("broker.embedded-port"), new EmbeddedBroker.Redelivery(
                            settings.get("lookup.jms.request-queue"), settings.integer("lookup.jms.max-deliveries"),
                            settings.integer("lookup.jms.redelivery-delay-ms"),
                            Double.parseDouble(settings.get("lookup.jms.redelivery-multiplier")),
                            settings.integer("lookup.jms.max-redelivery-delay-ms")),
                    settings.integer("broker.journal-buffer-timeout-us"), new EmbeddedBroker.Limits(
                            EmbeddedBroker.Limits.ofHeap(settings.integer("broker.global-max-size-percent")),
                            Long.parseLong(settings.get("broker.address-max-size-bytes")),
                            settings.integer("broker.page-size-bytes"),
                            Long.parseLong(settings.get("broker.page-limit-bytes")),
                            settings.integer("broker.max-disk-usage-percent")));
            broker.start();
            metrics.watch(broker, watchedQueues(settings));
            context.addService(broker, true, true);
            factory = new ActiveMQConnectionFactory(broker.vmUrl());
            LOG.info("Embedded Artemis broker started (in-VM{})", settings.integer("broker.embedded-port") > 0
                    ? ", and tcp://127.0.0.1:" + settings.get("broker.embedded-port") : " only");
        } else {
            factory = new ActiveMQConnectionFactory(url, settings.get("broker.username"),
                    settings.get("broker.password"));
            // an external broker may restart: keep reconnecting instead of failing the consumers for good
            factory.setReconnectAttempts(-1);
            factory.setRetryInterval(500);
            factory.setRetryIntervalMultiplier(1.5);
            factory.setMaxRetryInterval(5000);
            LOG.info("Using the external broker at {}", url);
        }
        // Spring's JmsTemplate resolves the destination by name on every send: without the cache, each is a
        // queue query round trip to the broker before the send itself
        factory.setCacheDestinations(true);
        // no send waits for the broker for ever (an address that blocks producers, a full disk): SendRefused
        SendDeadline deadline = new SendDeadline(Duration.ofMillis(settings.integer("broker.send-timeout-ms")));
        JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(deadline.wrap(factory));
        pooled.setMaxConnections(settings.integer("broker.pool-connections"));
        pooled.setMaxSessionsPerConnection(settings.integer("broker.pool-sessions"));
        // services stop in reverse order: the pool closes before an embedded broker goes away
        StopWithCamel.register(context, deadline::close);
        StopWithCamel.register(context, pooled::stop);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory((ConnectionFactory) pooled);
        context.addComponent("jms", jms);
        return pooled;
    }

    /** The request queue, its dead letter queue, and the downstream and errors queues when they are JMS queues. */
    private static List<String> watchedQueues(Settings settings) {
        String requests = settings.get("lookup.jms.request-queue");
        List<String> queues = new ArrayList<>(List.of(requests, "DLQ." + requests));
        for (String uri : List.of(settings.get("lookup.downstream-uri"), settings.get("lookup.errors-uri"))) {
            if (uri != null && uri.startsWith("jms:queue:")) {
                String queue = uri.substring("jms:queue:".length());
                queues.add(queue.contains("?") ? queue.substring(0, queue.indexOf('?')) : queue);
            }
        }
        return queues;
    }
}
