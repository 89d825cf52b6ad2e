package org.glancelookup.camel;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The embedded ActiveMQ Artemis broker of the zero-configuration setup: persistent journal on disk, an in-VM
 * acceptor for this process and a loopback TCP acceptor for other processes.
 */
public class EmbeddedBroker extends ServiceSupport {
    private static final AtomicInteger VM_IDS = new AtomicInteger();

    private final Path dataDir;
    private final int tcpPort;
    private final int maxDeliveries;
    private final int vmId = VM_IDS.incrementAndGet();
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(Path dataDir, int tcpPort, int maxDeliveries) {
        this.dataDir = dataDir;
        this.tcpPort = tcpPort;
        this.maxDeliveries = maxDeliveries;
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
                .setMaxDeliveryAttempts(maxDeliveries)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
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
