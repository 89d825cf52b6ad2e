package org.glancelookup.step;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.LoadBalanceDefinition;
import org.glancelookup.glance.GlanceAttemptFailed;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.glance.ServerCoolDown;
import org.glancelookup.lookup.LookupVariables;

/**
 * A step's server pool, built in Java because its length is configuration: {@code STEP-call-glance} is a
 * round-robin Load Balancer over one {@code STEP-glance-server-N} route per server (made from the route template
 * {@code glance-lookup-server-v1} or {@code -v2} in glance-lookup/glance-servers.yaml, ending in that server's
 * camel-http endpoint), passing over a server in its cool-down ({@link HealthAwareRoundRobin}). The balancer has no
 * error handler of its own: a failed attempt goes back to the step's redelivery policy, and each redelivery enters
 * the balancer again, which hands out the next server of its one shared cursor. Before the balancer, the service's
 * own token is attached (when a strategy sends it, or the catalog names the servers: {@link GlanceCatalog} adds and
 * removes server routes and balancer members while Camel runs).
 */
final class GlanceServerRoutes extends RouteBuilder {
    private final String step;
    private final List<GlanceServer> servers;
    private final HealthAwareRoundRobin balancer;
    private final int apiVersion;

    /** @param servers the configured servers; none when the catalog names them */
    GlanceServerRoutes(String step, List<GlanceServer> servers, ServerCoolDown coolDown, int apiVersion) {
        this.step = step;
        this.servers = List.copyOf(servers);
        this.balancer = new HealthAwareRoundRobin(servers.stream().map(GlanceServer::url).toList(), coolDown);
        this.apiVersion = apiVersion;
    }

    String step() {
        return step;
    }

    HealthAwareRoundRobin balancer() {
        return balancer;
    }

    List<String> routeIds() {
        List<String> ids = new ArrayList<>(List.of(step + "-call-glance"));
        servers.forEach(server -> ids.add(serverRoute(server)));
        return ids;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());

        LoadBalanceDefinition calls = from("direct:" + step + "-call-glance")
                .routeId(step + "-call-glance")
                .description("One attempt: the next Glance server in round robin")
                // the service's own token when a strategy sends it; its catalog when that names the servers
                // (IdentityUnavailable/IdentityRejected end here)
                .bean(step + ".serviceIdentity", "attach").id(step + "-attach-service-token")
                .loadBalance(balancer).id(step + "-glance-round-robin");
        for (GlanceServer server : servers) {
            calls.to(serverEndpoint(server)).id(step + "-to-glance-server-" + server.index());
        }
        calls.end();

        for (GlanceServer server : servers) {
            String id = serverRoute(server);
            if (!server.isUsable()) {
                // Nova's InvalidEndpoint: retried on the next server like any unreachable one
                from("direct:" + id).routeId(id).description("Attempts on " + server.url() + ": not a usable URL")
                        .setVariable(LookupVariables.GLANCE_SERVER, constant(server.url())).id(id + "-name-server")
                        .throwException(new GlanceAttemptFailed("invalid endpoint: " + server.problem()))
                        .id(id + "-invalid");
            }
        }
    }

    /** The usable configured servers' routes, made from the template of the step's API version. */
    void addServerRoutes(CamelContext context) throws Exception {
        for (GlanceServer server : servers) {
            if (server.isUsable()) {
                addServerRoute(context, server);
            }
        }
    }

    /** One server's route (started at once when Camel runs). */
    void addServerRoute(CamelContext context, GlanceServer server) throws Exception {
        String id = serverRoute(server);
        TemplatedRouteBuilder.builder(context, "glance-lookup-server-v" + apiVersion).routeId(id)
                .prefixId(id + "-").parameter("step", step)
                .parameter("index", String.valueOf(server.index())).parameter("url", server.url()).add();
    }

    void removeServerRoute(CamelContext context, GlanceServer server) throws Exception {
        String id = serverRoute(server);
        context.getRouteController().stopRoute(id);
        context.removeRoute(id);
    }

    String serverEndpoint(GlanceServer server) {
        return "direct:" + serverRoute(server);
    }

    private String serverRoute(GlanceServer server) {
        return step + "-glance-server-" + server.index();
    }
}
