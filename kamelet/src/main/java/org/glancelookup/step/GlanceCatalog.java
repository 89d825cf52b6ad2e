package org.glancelookup.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.SendProcessor;
import org.apache.camel.support.service.ServiceHelper;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.identity.ServiceToken;
import org.glancelookup.lookup.LookupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step's Glance servers when the Keystone catalog names them (keystone.auth-url set, glance.api-servers not):
 * the {@code image} endpoints of the service's newest token for the step's interface and region. A server that
 * appears gets its server route and joins the round robin; one that is gone leaves it at once, and its route is
 * removed once an attempt that chose it before must have ended. A catalog that names no server at all keeps the
 * servers it had (a Keystone slip must not stop every lookup); with none yet, a lookup is GlanceConnectionFailed.
 */
final class GlanceCatalog {
    private static final Logger LOG = LoggerFactory.getLogger("org.glancelookup.glance");
    /** Nova strips a version from a catalog's image URL: its client adds /v2 itself */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("/v\\d+(\\.\\d+)?/?$");

    private final CamelContext context;
    private final GlanceServerRoutes routes;
    private final HealthAwareRoundRobin balancer;
    private final GlanceWire wire;
    private final String interfaceName;
    private final String region;
    private final Duration retireAfter;
    private final ScheduledExecutorService retiring;
    private final Map<String, Member> members = new LinkedHashMap<>(); // by URL; guarded by this
    private final List<GlanceServer> leaving = new ArrayList<>(); // guarded by this
    private volatile List<GlanceServer> servers = List.of();
    private volatile ServiceToken followed;
    private int nextIndex;

    private record Member(GlanceServer server, AsyncProcessor processor) {
    }

    /** @param retireAfter how long an attempt may still be on a server after it left the round robin */
    GlanceCatalog(CamelContext context, GlanceServerRoutes routes, GlanceWire wire, String interfaceName,
            String region, Duration retireAfter) {
        this.context = context;
        this.routes = routes;
        this.balancer = routes.balancer();
        this.wire = wire;
        this.interfaceName = interfaceName == null || interfaceName.isBlank() ? "internal" : interfaceName.strip();
        this.region = region == null || region.isBlank() ? null : region.strip();
        this.retireAfter = retireAfter;
        this.retiring = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                routes.step() + "-glance-catalog");
    }

    /** The servers now in the round robin. */
    List<GlanceServer> servers() {
        return servers;
    }

    /**
     * Before an attempt, with the token it goes with: a newer token than the last one followed brings its catalog.
     * LookupFailure GlanceConnectionFailed while no catalog has named an image endpoint.
     */
    void follow(ServiceToken token) {
        ServiceToken last = followed;
        if (last != token && (last == null || token.receivedAt().isAfter(last.receivedAt()))) {
            synchronized (this) {
                last = followed;
                if (last == null || token.receivedAt().isAfter(last.receivedAt())) {
                    update(token.imageUrls(interfaceName, region));
                    followed = token;
                }
            }
        }
        if (servers.isEmpty()) {
            throw LookupFailure.noImageEndpoint(interfaceName, region);
        }
    }

    private void update(List<String> catalogUrls) {
        Map<String, GlanceServer> wanted = new LinkedHashMap<>();
        for (String url : catalogUrls) {
            GlanceServer server = GlanceServer.parse(-1, VERSION_SUFFIX.matcher(url).replaceFirst(""));
            if (!server.isUsable()) {
                LOG.warn("{}: the Keystone catalog's image endpoint {} is not usable ({}); left out",
                        routes.step(), server.url(), server.problem());
            } else {
                wanted.putIfAbsent(server.url(), server);
            }
        }
        if (wanted.isEmpty()) {
            if (!members.isEmpty()) {
                LOG.warn("{}: the Keystone catalog names no image endpoint for interface {} in {}; the Glance"
                        + " servers stay {}", routes.step(), interfaceName, regionText(), members.keySet());
            }
            return;
        }
        if (wanted.keySet().equals(members.keySet())) {
            return;
        }
        for (String url : List.copyOf(members.keySet())) {
            if (!wanted.containsKey(url)) {
                leave(members.remove(url));
            }
        }
        for (GlanceServer server : wanted.values()) {
            if (!members.containsKey(server.url())) {
                members.put(server.url(), join(server));
            }
        }
        servers = members.values().stream().map(Member::server).toList();
        wireServers();
        LOG.info("{}: Glance servers from the Keystone catalog (interface {}, {}): {}", routes.step(),
                interfaceName, regionText(), members.keySet());
    }

    /** @param parsed a usable catalog URL, not yet numbered */
    private Member join(GlanceServer parsed) {
        GlanceServer server = new GlanceServer(nextIndex++, parsed.url(), null);
        try {
            routes.addServerRoute(context, server);
            AsyncProcessor processor = new SendProcessor(context.getEndpoint(routes.serverEndpoint(server)));
            ServiceHelper.startService(processor);
            balancer.addServer(server.url(), processor);
            return new Member(server, processor);
        } catch (Exception e) {
            throw new IllegalStateException("could not add the Glance server " + server.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private void leave(Member member) {
        balancer.removeServer(member.processor());
        leaving.add(member.server());
        retiring.schedule(() -> retire(member), retireAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Its last attempts have ended: its route goes, and its host gets no token any more. */
    private void retire(Member member) {
        try {
            ServiceHelper.stopService(member.processor());
            routes.removeServerRoute(context, member.server());
        } catch (Exception e) {
            LOG.warn("{}: the route of the Glance server {} that left the catalog could not be removed: {}",
                    routes.step(), member.server().url(), e.getMessage());
        }
        synchronized (this) {
            leaving.remove(member.server());
            wireServers();
        }
    }

    private void wireServers() {
        List<GlanceServer> known = new ArrayList<>(servers);
        known.addAll(leaving);
        wire.setServers(known);
    }

    private String regionText() {
        return region == null ? "any region" : "region " + region;
    }
}
