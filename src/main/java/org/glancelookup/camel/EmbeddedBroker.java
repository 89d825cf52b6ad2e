package org.glancelookup.camel;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The embedded ActiveMQ Artemis broker of the zero-configuration setup: persistent journal on disk, an in-VM
 * acceptor for this process and a loopback TCP acceptor for other processes. The request queue is redelivered
 * with back-off and dead-lettered, intact, to {@code DLQ.<request queue>} after the configured deliveries.
 */
public class EmbeddedBroker extends ServiceSupport {
    private static final AtomicInteger VM_IDS = new AtomicInteger();

    /** What the broker does with the request queue. */
    public record Redelivery(String requestQueue, int maxDeliveries, long delayMs, double multiplier, long maxDelayMs) {
        public String deadLetterQueue() {
            return "DLQ." + requestQueue;
        }
    }

    private final Path dataDir;
    private final int tcpPort;
    private final Redelivery redelivery;
    private final int journalBufferTimeoutUs;
    private final int vmId = VM_IDS.incrementAndGet();
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(Path dataDir, int tcpPort, Redelivery redelivery, int journalBufferTimeoutUs) {
        this.dataDir = dataDir;
        this.tcpPort = tcpPort;
        this.redelivery = redelivery;
        this.journalBufferTimeoutUs = journalBufferTimeoutUs;
    }

    /** The client URL for this process. */
    public String vmUrl() {
        return "vm://" + vmId;
    }

    @Override
    protected void doStart() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("glance-lookup");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dataDir.resolve("journal").toString());
        // how long the journal gathers writes before one sync to disk: every persistent send waits for it
        config.setJournalBufferTimeout_NIO((int) Math.min(Integer.MAX_VALUE, journalBufferTimeoutUs * 1000L));
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("in-vm", vmUrl());
        if (tcpPort > 0) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcpPort);
        }
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        config.addAddressSetting(redelivery.requestQueue(), new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(redelivery.deadLetterQueue()))
                .setMaxDeliveryAttempts(redelivery.maxDeliveries())
                .setRedeliveryDelay(redelivery.delayMs())
                .setRedeliveryMultiplier(redelivery.multiplier())
                .setMaxRedeliveryDelay(redelivery.maxDelayMs())
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        // the dead letter queue exists from the start: a message moved to an address without a queue is lost
        config.addQueueConfiguration(QueueConfiguration.of(redelivery.deadLetterQueue())
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        config.addQueueConfiguration(QueueConfiguration.of(redelivery.requestQueue())
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }
}
