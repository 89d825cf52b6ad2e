package org.glancelookup.frontdoor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door's server: platform-http's Vert.x server (the routes' {@code platform-http:} consumers find it
 * as they would camel-main's), made here so that every answer from the first accepted connection to the last is
 * the right one or an error JSON. The port listens only once a gate is in front of every route; the gate answers
 * ServiceBusy until Camel has started every route and again from the moment Camel starts stopping (the lookups in
 * flight then finish). Requests that Vert.x refuses itself get the InvalidRequest JSON ({@link FrontDoorRefusals}).
 */
final class FrontDoorServer extends VertxPlatformHttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoorServer.class);

    private final VertxPlatformHttpServerConfiguration configuration;
    private final FrontDoorRefusals refusals;
    private volatile String notRunning = "starting";
    private volatile HttpServer listening;
    private volatile Vertx ownVertx;

    private FrontDoorServer(VertxPlatformHttpServerConfiguration configuration, FrontDoorRefusals refusals) {
        super(configuration);
        this.configuration = configuration;
        this.refusals = refusals;
    }

    /** Adds the server to Camel's services: it listens before the routes start and closes after they stop. */
    static void serve(CamelContext context, String host, int port, int maxBodyBytes, FrontDoorRefusals refusals)
            throws Exception {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(host);
        configuration.setBindPort(port);
        configuration.setMaxBodySize((long) maxBodyBytes);
        configuration.getBodyHandler().setHandleFileUploads(false); // no front door takes a body; nothing to disk
        configuration.setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
        FrontDoorServer server = new FrontDoorServer(configuration, refusals);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the routes have started, but not yet those whose start is deferred: open once every one runs
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                server.notRunning = null;
                LOG.info("HTTP front door open on {}:{}", host, server.getPort());
            }
        });
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                server.notRunning = "stopping";
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.CamelContextStopping;
            }
        });
        context.addService(server, true, true);
    }

    @Override
    protected void startServer() throws Exception {
        VertxPlatformHttpRouter routes = VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getBindPort()));
        routes.route().failureHandler(refusals::failed);
        Router root = Router.router(getVertx());
        root.route().handler(this::gate);
        root.route("/*").subRouter(routes);
        // a path or query that cannot be percent-decoded fails while the routes are matched, before any runs
        for (int status : new int[] {400, 404}) {
            routes.errorHandler(status, refusals::unmatched);
            root.errorHandler(status, refusals::unmatched);
        }
        HttpServer server = getVertx().createHttpServer(new HttpServerOptions())
                .invalidRequestHandler(refusals::undecodable).requestHandler(root);
        listening = server.listen(configuration.getBindPort(), configuration.getBindHost())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void gate(RoutingContext request) {
        String phase = notRunning;
        if (phase == null) {
            request.next();
        } else {
            refusals.busy(request, phase);
        }
    }

    @Override
    protected void stopServer() {
        HttpServer server = listening;
        listening = null;
        awaitClose(server == null ? null : server.close(), "HTTP front door");
    }

    @Override
    protected Vertx createVertxInstance() {
        ownVertx = super.createVertxInstance();
        return ownVertx;
    }

    /** Closes the Vert.x this server made (platform-http's own close needs the executor of its startServer). */
    @Override
    protected void stopVertx() {
        Vertx vertx = ownVertx;
        ownVertx = null;
        awaitClose(vertx == null ? null : vertx.close(), "Vert.x");
    }

    /** Waits for a close under way, if any (null: nothing to close). */
    private static void awaitClose(Future<Void> closing, String what) {
        if (closing == null) {
            return;
        }
        try {
            closing.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("{} did not close: {}", what, e.toString());
        }
    }

    @Override
    public HttpServer getServer() {
        return listening;
    }

    @Override
    public int getPort() {
        HttpServer server = listening;
        return server == null ? configuration.getBindPort() : server.actualPort();
    }
}
