package org.glancelookup.step;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.processor.loadbalancer.QueueLoadBalancer;
import org.glancelookup.glance.ServerCoolDown;

/**
 * Round robin over the Glance servers that skips a server in its cool-down ({@link ServerCoolDown}). When every
 * server is cooling down the next one in turn is tried anyway: an attempt is never refused without trying.
 * Servers from the Keystone catalog join and leave while lookups run ({@link #addServer}, {@link #removeServer});
 * Camel's balancer keeps its processors in one atomically replaced array, so each choice sees one whole pool.
 */
public class HealthAwareRoundRobin extends QueueLoadBalancer {
    private final ServerCoolDown coolDown;
    private final Queue<String> configured; // guarded by itself
    private final Map<AsyncProcessor, String> serverOf = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** @param servers the configured server URLs, in the order the route adds their processors */
    public HealthAwareRoundRobin(List<String> servers, ServerCoolDown coolDown) {
        this.configured = new ArrayDeque<>(servers);
        this.coolDown = coolDown;
    }

    /** The route's outputs, one per configured server in turn. */
    @Override
    public void addProcessor(AsyncProcessor processor) {
        String server;
        synchronized (configured) {
            server = configured.poll();
        }
        if (server != null) {
            serverOf.put(processor, server);
        }
        super.addProcessor(processor);
    }

    /** A server that joined while Camel runs: its attempts go to {@code processor}. */
    void addServer(String url, AsyncProcessor processor) {
        serverOf.put(processor, url);
        super.addProcessor(processor);
    }

    /** No more attempts go to this processor (an attempt that chose it already goes on). */
    void removeServer(AsyncProcessor processor) {
        super.removeProcessor(processor);
        serverOf.remove(processor);
    }

    @Override
    protected AsyncProcessor chooseProcessor(AsyncProcessor[] processors, Exchange exchange) {
        int start = Math.floorMod(next.getAndIncrement(), processors.length);
        for (int i = 0; i < processors.length; i++) {
            int candidate = (start + i) % processors.length;
            String server = serverOf.get(processors[candidate]);
            if (server == null || !coolDown.isCoolingDown(server)) {
                if (i > 0) {
                    next.set(candidate + 1); // the turn continues after the server chosen
                }
                return processors[candidate];
            }
        }
        return processors[start];
    }
}
