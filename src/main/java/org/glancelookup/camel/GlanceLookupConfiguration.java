package org.glancelookup.camel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxOptions;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.glancelookup.glance.GlanceJson;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.lookup.LookupRequests;
import org.glancelookup.step.GlanceImageLookup;
import org.glancelookup.step.StopWithCamel;

/**
 * Wires the service from its settings: the beans the routes call and the lookup step (the library's, with the
 * service's settings); the broker is BrokerConnection's, the Glance servers (configured, or the demo Glance)
 * GlanceServers'.
 */
public class GlanceLookupConfiguration implements CamelConfiguration {
    private static final int SPARE_HTTP_WORKERS = 8;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        if (registry.lookupByName("lookupRequests") != null) {
            return; // configured already (package scanning may find this class twice)
        }
        Settings settings = new Settings(context);
        ObjectMapper json = GlanceJson.newMapper();
        registry.bind("json", json);
        registry.bind("lookupRequests", new LookupRequests(json));
        ErrorAnswers errorAnswers = new ErrorAnswers();
        registry.bind("errorAnswers", errorAnswers);
        LookupMetrics metrics = new LookupMetrics();
        registry.bind("lookupMetrics", metrics);
        registry.bind("healthAnswers", new HealthAnswers());
        int httpMaxInFlight = settings.integer("lookup.http.max-in-flight");
        InFlightLimit httpInFlight = new InFlightLimit(httpMaxInFlight);
        registry.bind("httpInFlight", httpInFlight);
        metrics.watch(httpInFlight);
        // platform-http runs each request's route on a Vert.x worker and holds it until the answer (Vert.x' default
        // is 20): one per lookup in flight, plus spares that answer ServiceBusy, /metrics and /health meanwhile
        registry.bind("vertxOptions", new VertxOptions().setWorkerPoolSize(httpMaxInFlight + SPARE_HTTP_WORKERS));
        if (settings.bool("lookup.http.enabled")) {
            int maxBodyBytes = settings.integer("lookup.http.max-body-bytes");
            FrontDoorServer.serve(context, settings.get("lookup.http.host"), settings.integer("lookup.http.port"),
                    maxBodyBytes, new FrontDoorRefusals(maxBodyBytes,
                            settings.integer("lookup.http.busy-retry-after-s"), errorAnswers, json));
        }

        // the lookup itself: the library's step, as any Camel application uses it (the lookup route calls it)
        GlanceServers.Servers servers = GlanceServers.start(context, settings, json);
        GlanceImageLookup step = lookupStep(settings, servers.apiServers(), metrics, json);
        step.setCamelContext(context);
        step.init();
        registry.bind("glanceLookup", step);
        GlanceServers.seedDemo(step.mappingStore(), servers.demoImages());

        registry.bind("sendRefusals", new SendRefusals(metrics, Duration.ofSeconds(10)));
        StopWithCamel.register(context, metrics::close);
        ConnectionFactory broker = BrokerConnection.configure(context, settings, metrics);
        if (settings.bool("hawtio.enabled") && !settings.bool("lookup.one-shot")) {
            context.addService(new HawtioConsole(settings.get("hawtio.host"), settings.integer("hawtio.port"),
                    settings.get("hawtio.username"), settings.get("hawtio.password")), true, true);
        }

        // readiness (GET /health/ready): broker, mapping store, and at least one Glance server
        registry.bind("ready-mapping-store", new ReadinessChecks.MappingStore(step.dataSource()));
        registry.bind("ready-glance", new ReadinessChecks.Glance(step.servers()));
        if (broker != null) {
            registry.bind("ready-broker", new ReadinessChecks.Broker(broker));
        }
    }

    /** The step with the service's settings (config/application.properties, -D, environment). */
    private static GlanceImageLookup lookupStep(Settings settings, String apiServers, LookupMetrics metrics,
            ObjectMapper json) {
        GlanceImageLookup step = new GlanceImageLookup();
        step.setName("glance-lookup");
        step.setApiServers(apiServers);
        step.setApiVersion(settings.integer("glance.api-version"));
        step.setNumRetries(settings.integer("glance.num-retries"));
        step.setRetryDelayMs(settings.integer("glance.retry-delay-ms"));
        step.setConnectTimeoutMs(settings.integer("glance.connect-timeout-ms"));
        step.setReadTimeoutMs(settings.integer("glance.read-timeout-ms"));
        step.setMaxResponseBytes(settings.integer("glance.max-response-bytes"));
        step.setMaxHeaderBytes(settings.integer("glance.max-header-bytes"));
        step.setMaxConnections(settings.integer("glance.max-connections"));
        step.setInsecure(settings.bool("glance.api-insecure"));
        step.setCaFile(settings.get("glance.ca-file"));
        step.setCacheTtlMs(settings.integer("glance.cache.ttl-ms"));
        step.setCacheMaxEntries(settings.integer("glance.cache.max-entries"));
        step.setServerCoolDownMs(settings.integer("glance.server-cool-down-ms"));
        step.setAuthStrategy(settings.get("auth.strategy"));
        step.setMappingJdbcUrl(settings.get("mapping.jdbc-url"));
        step.setMappingUsername(settings.get("mapping.username"));
        step.setMappingPassword(settings.get("mapping.password"));
        step.setCreateMissing(settings.bool("mapping.create-missing"));
        step.setMappingCacheSize(settings.integer("mapping.cache-size"));
        step.setMappingPoolSize(settings.integer("mapping.pool-size"));
        step.setMappingConnectionTimeoutMs(settings.integer("mapping.connection-timeout-ms"));
        step.setAttemptListener(metrics);
        step.setJson(json);
        return step;
    }

    /** The service's settings, through Camel's properties (so -D and environment variables override them). */
    static final class Settings {
        private final CamelContext context;

        Settings(CamelContext context) {
            this.context = context;
        }

        String get(String key) {
            return context.getPropertiesComponent().resolveProperty(key).map(String::strip).orElse(null);
        }

        int integer(String key) {
            return Integer.parseInt(get(key));
        }

        boolean bool(String key) {
            return Boolean.parseBoolean(get(key));
        }
    }
}
