package org.glancelookup.messaging;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.jms.JmsComponent;
import org.glancelookup.operations.LookupMetrics;
import org.glancelookup.operations.ReadinessChecks;
import org.glancelookup.step.StopWithCamel;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging part: the embedded broker (broker.url empty) or the external one, its pooled connections behind a
 * send deadline, the jms component, the broker's readiness check; none of it for a one-shot lookup.
 */
public class MessagingConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingConfiguration.class);

    @PropertyInject("lookup.one-shot")
    private boolean oneShot;
    @PropertyInject("broker.url")
    private String url;
    @PropertyInject("broker.username")
    private String username;
    @PropertyInject("broker.password")
    private String password;
    @PropertyInject("broker.embedded-port")
    private int embeddedPort;
    @PropertyInject("broker.data-dir")
    private String dataDir;
    @PropertyInject("broker.journal-buffer-timeout-us")
    private int journalBufferTimeoutUs;
    @PropertyInject("broker.global-max-size-percent")
    private int globalMaxSizePercent;
    @PropertyInject("broker.address-max-size-bytes")
    private long addressMaxSizeBytes;
    @PropertyInject("broker.page-size-bytes")
    private int pageSizeBytes;
    @PropertyInject("broker.page-limit-bytes")
    private long pageLimitBytes;
    @PropertyInject("broker.max-disk-usage-percent")
    private int maxDiskUsagePercent;
    @PropertyInject("broker.reconnect-interval-ms")
    private long reconnectIntervalMs;
    @PropertyInject("broker.max-reconnect-interval-ms")
    private long maxReconnectIntervalMs;
    @PropertyInject("broker.send-timeout-ms")
    private long sendTimeoutMs;
    @PropertyInject("broker.pool-connections")
    private int poolConnections;
    @PropertyInject("broker.pool-sessions")
    private int poolSessions;
    @PropertyInject("broker.refusals-log-interval-s")
    private int refusalsLogIntervalSeconds;
    @PropertyInject("lookup.jms.request-queue")
    private String requestQueue;
    @PropertyInject("lookup.jms.max-deliveries")
    private int maxDeliveries;
    @PropertyInject("lookup.jms.redelivery-delay-ms")
    private long redeliveryDelayMs;
    @PropertyInject("lookup.jms.redelivery-multiplier")
    private double redeliveryMultiplier;
    @PropertyInject("lookup.jms.max-redelivery-delay-ms")
    private long maxRedeliveryDelayMs;
    @PropertyInject("lookup.downstream-uri")
    private String downstreamUri;
    @PropertyInject("lookup.errors-uri")
    private String errorsUri;
    @BeanInject("lookupMetrics")
    private LookupMetrics metrics;

    @Override
    public void configure(CamelContext context) throws Exception {
        context.getRegistry().bind("sendRefusals",
                new SendRefusals(metrics, Duration.ofSeconds(refusalsLogIntervalSeconds)));
        if (oneShot) {
            return; // a one-shot lookup answers on stdout: no broker
        }
        ActiveMQConnectionFactory factory = url.isBlank() ? embedded(context) : external();
        // Spring's JmsTemplate resolves the destination by name on every send: without the cache, each is a
        // queue query round trip to the broker before the send itself
        factory.setCacheDestinations(true);
        // no send waits for the broker for ever (an address that blocks producers, a full disk): SendRefused
        SendDeadline deadline = new SendDeadline(Duration.ofMillis(sendTimeoutMs));
        JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(deadline.wrap(factory));
        pooled.setMaxConnections(poolConnections);
        pooled.setMaxSessionsPerConnection(poolSessions);
        // services stop in reverse order: the pool closes before an embedded broker goes away
        StopWithCamel.register(context, deadline::close);
        StopWithCamel.register(context, pooled::stop);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory((ConnectionFactory) pooled);
        context.addComponent("jms", jms);
        context.getRegistry().bind("ready-broker", ReadinessChecks.broker(pooled));
    }

    private ActiveMQConnectionFactory embedded(CamelContext context) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(Path.of(dataDir), embeddedPort,
                new EmbeddedBroker.Redelivery(requestQueue, maxDeliveries, redeliveryDelayMs, redeliveryMultiplier,
                        maxRedeliveryDelayMs),
                journalBufferTimeoutUs, new EmbeddedBroker.Limits(EmbeddedBroker.Limits.ofHeap(globalMaxSizePercent),
                        addressMaxSizeBytes, pageSizeBytes, pageLimitBytes, maxDiskUsagePercent));
        broker.start();
        BrokerGauges.register(metrics.registry(), broker, watchedQueues());
        context.addService(broker, true, true);
        LOG.info("Embedded Artemis broker started (in-VM{})",
                embeddedPort > 0 ? ", and tcp://127.0.0.1:" + embeddedPort : " only");
        return new ActiveMQConnectionFactory(broker.vmUrl());
    }

    private ActiveMQConnectionFactory external() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url.strip(), username, password);
        // an external broker may restart: keep reconnecting instead of failing the consumers for good
        factory.setReconnectAttempts(-1);
        factory.setRetryInterval(reconnectIntervalMs);
        factory.setRetryIntervalMultiplier(1.5);
        factory.setMaxRetryInterval(maxReconnectIntervalMs);
        LOG.info("Using the external broker at {}", url.strip().replaceFirst("\\?.*", "?..."));
        return factory;
    }

    /** The request queue, its dead letter queue, and the downstream and errors queues when they are JMS queues. */
    private List<String> watchedQueues() {
        List<String> queues = new ArrayList<>(List.of(requestQueue, "DLQ." + requestQueue));
        for (String uri : List.of(downstreamUri, errorsUri)) {
            if (uri.startsWith("jms:queue:")) {
                String queue = uri.substring("jms:queue:".length());
                queues.add(queue.contains("?") ? queue.substring(0, queue.indexOf('?')) : queue);
            }
        }
        return queues;
    }
}
