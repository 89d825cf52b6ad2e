package org.glancelookup.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;

/**
 * The embedded broker's queues on /metrics: messages (paged ones included), bytes paged to disk, and their
 * address' bytes in memory. A queue not created yet reads 0.
 */
final class BrokerGauges {
    private BrokerGauges() {
    }

    static void register(MeterRegistry registry, EmbeddedBroker broker, List<String> queues) {
        for (String name : queues) {
            gauge(registry, broker, name, "glance.broker.queue.messages", "Messages in the queue, paged ones included",
                    Queue::getMessageCount);
            gauge(registry, broker, name, "glance.broker.queue.paged.bytes",
                    "Bytes of the queue's messages paged to disk",
                    q -> q.getPageSubscription() == null ? 0 : q.getPageSubscription().getPersistentSize());
            gauge(registry, broker, name, "glance.broker.address.memory.bytes",
                    "Bytes of the queue's address held in memory (paging starts at broker.address-max-size-bytes)",
                    q -> q.getPagingStore() == null ? 0 : q.getPagingStore().getAddressSize());
        }
    }

    private static void gauge(MeterRegistry registry, EmbeddedBroker broker, String queue, String name,
            String description, ToDoubleFunction<Queue> value) {
        Gauge.builder(name, broker, b -> {
            ActiveMQServer server = b.server();
            Queue found = server == null ? null : server.locateQueue(queue);
            return found == null ? 0 : value.applyAsDouble(found);
        }).description(description).tag("queue", queue).register(registry);
    }
}
