package org.glancelookup.camel;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.LoadBalanceDefinition;
import org.glancelookup.glance.GlanceAttemptFailed;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.glance.ServerCoolDown;

/**
 * The server pool, built from {@code glance.api-servers} because its length is configuration: {@code call-glance}
 * is a round-robin Load Balancer over one {@code glance-server-N} route per server, passing over a server in its
 * cool-down ({@link HealthAwareRoundRobin}). The balancer has no error handler of its own: a failed attempt goes
 * back to the caller's redelivery policy, and each redelivery enters the balancer again, which hands out the next
 * server of its one shared cursor.
 */
public class GlanceServerRoutes extends RouteBuilder {
    private final List<GlanceServer> servers;
    private final ServerCoolDown coolDown;

    public GlanceServerRoutes(List<GlanceServer> servers, ServerCoolDown coolDown) {
        this.servers = List.copyOf(servers);
        this.coolDown = coolDown;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        LoadBalanceDefinition balancer = from("direct:call-glance")
                .routeId("call-glance")
                .description("One attempt: the next Glance server in round robin")
                .loadBalance(new HealthAwareRoundRobin(servers.stream().map(GlanceServer::url).toList(), coolDown))
                .id("glance-round-robin");
        for (GlanceServer server : servers) {
            balancer.to("direct:glance-server-" + server.index()).id("to-glance-server-" + server.index());
        }
        balancer.end();

        for (GlanceServer server : servers) {
            var route = from("direct:glance-server-" + server.index())
                    .routeId("glance-server-" + server.index())
                    .description("Attempts on " + server.url())
                    .setVariable(GlanceRetryLog.SERVER, constant(server.url())).id("name-server-" + server.index());
            if (server.isUsable()) {
                route.to("direct:glance-v{{glance.api-version}}").id("ask-glance-server-" + server.index());
            } else {
                // Nova's InvalidEndpoint: retried on the next server like any unreachable one
                route.throwException(new GlanceAttemptFailed("invalid endpoint: " + server.problem()))
                        .id("invalid-glance-server-" + server.index());
            }
        }
    }
}
