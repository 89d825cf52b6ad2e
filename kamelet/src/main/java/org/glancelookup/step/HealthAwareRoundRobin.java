package org.glancelookup.step;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.processor.loadbalancer.QueueLoadBalancer;
import org.glancelookup.glance.ServerCoolDown;

/**
 * Round robin over the Glance servers that skips a server in its cool-down ({@link ServerCoolDown}). When every
 * server is cooling down the next one in turn is tried anyway: an attempt is never refused without trying.
 */
public class HealthAwareRoundRobin extends QueueLoadBalancer {
    private final List<String> servers;
    private final ServerCoolDown coolDown;
    private final AtomicInteger next = new AtomicInteger();

    /** @param servers the server URLs, in the order of the balancer's processors */
    public HealthAwareRoundRobin(List<String> servers, ServerCoolDown coolDown) {
        this.servers = List.copyOf(servers);
        this.coolDown = coolDown;
    }

    @Override
    protected AsyncProcessor chooseProcessor(AsyncProcessor[] processors, Exchange exchange) {
        int start = Math.floorMod(next.getAndIncrement(), processors.length);
        for (int i = 0; i < processors.length; i++) {
            int candidate = (start + i) % processors.length;
            if (!coolDown.isCoolingDown(servers.get(candidate))) {
                if (i > 0) {
                    next.set(candidate + 1); // the turn continues after the server chosen
                }
                return processors[candidate];
            }
        }
        return processors[start];
    }
}
