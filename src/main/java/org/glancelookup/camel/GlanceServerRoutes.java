package org.glancelookup.camel;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.LoadBalanceDefinition;
import org.glancelookup.glance.GlanceAttemptFailed;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.glance.ServerCoolDown;

/**
 * The server pool, built from {@code glance.api-servers} because its length is configuration: {@code call-glance}
 * is a round-robin Load Balancer over one {@code glance-server-N} route per server (made from the route template
 * {@code glance-server-v1} or {@code -v2} in routes/glance-servers.yaml, ending in that server's camel-http
 * endpoint), passing over a server in its cool-down ({@link HealthAwareRoundRobin}). The balancer has no error
 * handler of its own: a failed attempt goes back to the caller's redelivery policy, and each redelivery enters the
 * balancer again, which hands out the next server of its one shared cursor. Bound in the registry (not added
 * directly) so that camel-main adds these templated routes after the YAML templates are loaded.
 */
public class GlanceServerRoutes extends RouteBuilder {
    private final List<GlanceServer> servers;
    private final ServerCoolDown coolDown;
    private final int apiVersion;

    public GlanceServerRoutes(List<GlanceServer> servers, ServerCoolDown coolDown, int apiVersion) {
        this.servers = List.copyOf(servers);
        this.coolDown = coolDown;
        this.apiVersion = apiVersion;
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
            String id = "glance-server-" + server.index();
            if (server.isUsable()) {
                templatedRoute("glance-server-v" + apiVersion).routeId(id).prefixId(id + "-")
                        .parameter("index", String.valueOf(server.index()))
                        .parameter("url", server.url());
            } else {
                // Nova's InvalidEndpoint: retried on the next server like any unreachable one
                from("direct:" + id).routeId(id).description("Attempts on " + server.url() + ": not a usable URL")
                        .setVariable(GlanceRetryLog.SERVER, constant(server.url())).id(id + "-name-server")
                        .throwException(new GlanceAttemptFailed("invalid endpoint: " + server.problem()))
                        .id(id + "-invalid");
            }
        }
    }
}
