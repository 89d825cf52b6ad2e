package org.glancelookup.messaging;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The embedded ActiveMQ Artemis broker of the zero-configuration setup: persistent journal on disk, an in-VM
 * acceptor for this process and a loopback TCP acceptor for other processes. The request queue is redelivered
 * with back-off and dead-lettered, intact, to {@code DLQ.<request queue>} after the configured deliveries.
 * <p>
 * Its memory is bounded whatever the queues hold: messages beyond {@link Limits} page to disk, and a send to an
 * address whose pages reach their limit is refused at once (never blocked, never dropped), so the lookup that
 * sent it can say so.
 */
public class EmbeddedBroker extends ServiceSupport {
    private static final AtomicInteger VM_IDS = new AtomicInteger();

    /** What the broker does with the request queue. */
    public record Redelivery(String requestQueue, int maxDeliveries, long delayMs, double multiplier, long maxDelayMs) {
        public String deadLetterQueue() {
            return "DLQ." + requestQueue;
        }
    }

    /**
     * How much the broker keeps: in memory for all addresses together and per address (beyond that, paged to
     * disk), on disk per address (beyond that, a send is refused), and the disk usage at which Artemis stops
     * taking messages at all.
     */
    public record Limits(long globalMaxBytes, long addressMaxBytes, int pageBytes, long pageLimitBytes,
            int maxDiskUsagePercent) {
        /** The global memory budget as a share of this JVM's max heap. */
        public static long ofHeap(int percent) {
            return Runtime.getRuntime().maxMemory() / 100 * percent;
        }
    }

    private final Path dataDir;
    private final int tcpPort;
    private final Redelivery redelivery;
    private final int journalBufferTimeoutUs;
    private final Limits limits;
    private final int vmId = VM_IDS.incrementAndGet();
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(Path dataDir, int tcpPort, Redelivery redelivery, int journalBufferTimeoutUs,
            Limits limits) {
        this.dataDir = dataDir;
        this.tcpPort = tcpPort;
        this.redelivery = redelivery;
        this.journalBufferTimeoutUs = journalBufferTimeoutUs;
        this.limits = limits;
    }

    /** The running broker (for its queue depths and paging figures), or null when stopped. */
    public ActiveMQServer server() {
        EmbeddedActiveMQ running = broker;
        return running == null ? null : running.getActiveMQServer();
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
        // a send to an address that pages waits for the page file's sync instead (Artemis' default is 3.3 ms)
        config.setPageSyncTimeout((int) Math.min(Integer.MAX_VALUE, journalBufferTimeoutUs * 1000L));
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setSecurityEnabled(false);
        // Artemis' default budget is half the heap, which a queue nobody reads fills (SPEC section 5: ServiceBusy)
        config.setGlobalMaxSize(limits.globalMaxBytes());
        config.setMaxDiskUsage(limits.maxDiskUsagePercent());
        config.addAcceptorConfiguration("in-vm", vmUrl());
        if (tcpPort > 0) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcpPort);
        }
        config.addAddressSetting("#", bounded(new AddressSettings())
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        config.addAddressSetting(redelivery.requestQueue(), bounded(new AddressSettings())
                .setDeadLetterAddress(SimpleString.of(redelivery.deadLetterQueue()))
                .setMaxDeliveryAttempts(redelivery.maxDeliveries())
                .setRedeliveryDelay(redelivery.delayMs())
                .setRedeliveryMultiplier(redelivery.multiplier())
                .setMaxRedeliveryDelay(redelivery.maxDelayMs())
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        // a request moving to the dead letter queue must never be refused: it pages until the disk limit (the
        // page limit of "#" would be inherited, so it is set to no limit here)
        config.addAddressSetting(redelivery.deadLetterQueue(), pagedToDisk(new AddressSettings())
                .setPageLimitBytes(Long.MAX_VALUE)
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

    /** In memory up to the address limit, then paged to disk up to the page limit, then refused (FAIL). */
    private AddressSettings bounded(AddressSettings settings) {
        return pagedToDisk(settings).setPageLimitBytes(limits.pageLimitBytes());
    }

    private AddressSettings pagedToDisk(AddressSettings settings) {
        return settings.setMaxSizeBytes(limits.addressMaxBytes())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setPageSizeBytes(limits.pageBytes())
                .setPageFullMessagePolicy(PageFullMessagePolicy.FAIL);
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }
}
