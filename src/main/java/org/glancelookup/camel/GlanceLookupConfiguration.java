package org.glancelookup.camel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.VertxOptions;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.glancelookup.glance.AuthStrategy;
import org.glancelookup.glance.GlanceAnswerCache;
import org.glancelookup.glance.AnswerLimits;
import org.glancelookup.glance.GlanceConnectionPool;
import org.glancelookup.glance.GlancePaths;
import org.glancelookup.glance.GlanceJson;
import org.glancelookup.glance.GlanceResponses;
import org.glancelookup.glance.GlanceTls;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.glance.ImageMetadata;
import org.glancelookup.glance.ImageSchemas;
import org.glancelookup.glance.NovaConversions;
import org.glancelookup.glance.ServerCoolDown;
import org.glancelookup.lookup.AvailabilityCheck;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.lookup.LookupRequests;
import org.glancelookup.mapping.ImageIdTranslation;
import org.glancelookup.mapping.S3ImageMappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the service from its settings: the beans the routes call, the mapping store and the Glance client; the
 * broker is BrokerConnection's, the Glance servers (configured, or the demo Glance) GlanceServers'.
 */
public class GlanceLookupConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(GlanceLookupConfiguration.class);
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
        ImageSchemas imageSchemas = new ImageSchemas(json);
        registry.bind("imageSchemas", imageSchemas);
        registry.bind("glanceResponses", new GlanceResponses(imageSchemas));
        registry.bind("glancePaths", new GlancePaths());
        AuthStrategy auth = AuthStrategy.of(settings.get("auth.strategy"));
        registry.bind("glanceHttpConfigurer", glanceHttpConfigurer(context, settings));
        registry.bind("glanceWire", new GlanceWire(auth));
        ImageMetadata imageMetadata = new ImageMetadata(json);
        registry.bind("imageMetadata", imageMetadata);
        registry.bind("novaConversions", new NovaConversions(json));
        registry.bind("availabilityCheck", new AvailabilityCheck(imageMetadata));
        LookupMetrics metrics = new LookupMetrics();
        registry.bind("lookupMetrics", metrics);
        registry.bind("healthAnswers", new HealthAnswers());
        registry.bind("provenanceHeaders", new ProvenanceHeaders());
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
        ServerCoolDown coolDown = new ServerCoolDown(Duration.ofMillis(settings.integer("glance.server-cool-down-ms")));
        registry.bind("serverCoolDown", coolDown);
        registry.bind("glanceRetryLog", new GlanceRetryLog(metrics, coolDown));
        registry.bind("glanceAnswerSharing", new GlanceAnswerSharing(glanceAnswerCache(settings, auth)));

        HikariDataSource dataSource = mappingDataSource(context, settings);
        S3ImageMappingStore store = new S3ImageMappingStore(dataSource);
        store.ensureSchema();
        registry.bind("mappingStore", store);
        registry.bind("imageIdTranslation", new ImageIdTranslation(store, settings.bool("mapping.create-missing"),
                settings.integer("mapping.cache-size")));

        registry.bind("sendRefusals", new SendRefusals(metrics, Duration.ofSeconds(10)));
        stopWithCamel(context, metrics::close);
        ConnectionFactory broker = BrokerConnection.configure(context, settings, metrics);
        if (settings.bool("hawtio.enabled") && !settings.bool("lookup.one-shot")) {
            context.addService(new HawtioConsole(settings.get("hawtio.host"), settings.integer("hawtio.port"),
                    settings.get("hawtio.username"), settings.get("hawtio.password")), true, true);
        }
        List<GlanceServer> servers = GlanceServers.configure(context, settings, json, store);
        registry.bind("glanceServerRoutes", new GlanceServerRoutes(servers, coolDown,
                settings.integer("glance.api-version")));

        // readiness (GET /health/ready): broker, mapping store, and at least one Glance server
        registry.bind("ready-mapping-store", new ReadinessChecks.MappingStore(dataSource));
        registry.bind("ready-glance", new ReadinessChecks.Glance(servers));
        if (broker != null) {
            registry.bind("ready-broker", new ReadinessChecks.Broker(broker));
        }
    }

    /**
     * Off with glance.cache.ttl-ms=0. A lookup waiting for another's Glance call waits about one lookup's retry
     * budget, then asks Glance itself.
     */
    private static GlanceAnswerCache glanceAnswerCache(Settings settings, AuthStrategy auth) {
        int attempts = 1 + settings.integer("glance.num-retries");
        long attemptMs = (long) settings.integer("glance.connect-timeout-ms")
                + settings.integer("glance.read-timeout-ms") + settings.integer("glance.retry-delay-ms");
        return new GlanceAnswerCache(Duration.ofMillis(settings.integer("glance.cache.ttl-ms")),
                settings.integer("glance.cache.max-entries"), Duration.ofMillis(attempts * attemptMs), auth);
    }

    /** The one pooled HTTP client behind every Glance server's camel-http endpoint. */
    private static GlanceHttpConfigurer glanceHttpConfigurer(CamelContext context, Settings settings)
            throws Exception {
        boolean insecure = settings.bool("glance.api-insecure");
        if (insecure) {
            LOG.warn("glance.api-insecure=true: TLS certificates and host names of Glance servers are NOT verified");
        }
        Duration readTimeout = Duration.ofMillis(settings.integer("glance.read-timeout-ms"));
        PoolingHttpClientConnectionManager pool = GlanceConnectionPool.create(
                settings.integer("glance.max-connections"),
                Duration.ofMillis(settings.integer("glance.connect-timeout-ms")), readTimeout,
                settings.integer("glance.max-header-bytes"),
                GlanceTls.context(insecure, settings.get("glance.ca-file")), insecure);
        AnswerLimits limits = new AnswerLimits(readTimeout, settings.integer("glance.max-response-bytes"));
        stopWithCamel(context, () -> {
            pool.close();
            limits.close();
        });
        return new GlanceHttpConfigurer(pool, limits, Duration.ofMillis(settings.integer("glance.connect-timeout-ms")));
    }

    private static HikariDataSource mappingDataSource(CamelContext context, Settings settings) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mapping-store");
        config.setJdbcUrl(settings.get("mapping.jdbc-url"));
        config.setUsername(settings.get("mapping.username"));
        config.setPassword(settings.get("mapping.password"));
        config.setMaximumPoolSize(settings.integer("mapping.pool-size"));
        config.setConnectionTimeout(settings.integer("mapping.connection-timeout-ms"));
        config.setInitializationFailTimeout(-1); // a database that is down at start is not fatal
        HikariDataSource dataSource = new HikariDataSource(config);
        stopWithCamel(context, dataSource::close);
        return dataSource;
    }

    /** Runs {@code stop} when Camel stops its services (in reverse order of registration). */
    static void stopWithCamel(CamelContext context, Runnable stop) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                stop.run();
            }
        }, true, true);
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
