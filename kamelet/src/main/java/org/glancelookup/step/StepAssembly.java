package org.glancelookup.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.glancelookup.glance.AnswerLimits;
import org.glancelookup.glance.AuthStrategy;
import org.glancelookup.glance.GlanceAnswerCache;
import org.glancelookup.glance.GlanceConnectionPool;
import org.glancelookup.glance.GlanceJson;
import org.glancelookup.glance.GlancePaths;
import org.glancelookup.glance.GlanceResponses;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.glance.GlanceTls;
import org.glancelookup.glance.ImageMetadata;
import org.glancelookup.glance.ImageSchemas;
import org.glancelookup.glance.NovaConversions;
import org.glancelookup.glance.ServerCoolDown;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.lookup.LookupRequests;
import org.glancelookup.mapping.ImageIdTranslation;
import org.glancelookup.mapping.S3ImageMappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step instance made from its settings: its beans, bound as {@code NAME.bean} (so two instances never share
 * one), and its routes, made from the templates in glance-lookup/*.yaml. The routes start with Camel, or at once
 * when Camel runs already, or, when the step is made while Camel starts its routes (a Kamelet), once it has.
 */
final class StepAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(StepAssembly.class);
    private static final String[] TEMPLATES = {"step", "translate-id", "to-metadata", "glance-servers"};

    /** @param servers the Glance servers now: the configured ones, or the catalog's (SPEC section 9) */
    record Assembled(Supplier<List<GlanceServer>> servers, DataSource dataSource, S3ImageMappingStore store) {
    }

    private StepAssembly() {
    }

    static Assembled assemble(CamelContext context, StepSettings settings, GlanceAttemptListener listener,
            ObjectMapper givenJson) {
        try {
            return doAssemble(context, settings, listener, givenJson == null ? GlanceJson.newMapper() : givenJson);
        } catch (Exception e) {
            throw new IllegalStateException("the lookup step " + settings.name + " could not be made: "
                    + e.getMessage(), e);
        }
    }

    private static Assembled doAssemble(CamelContext context, StepSettings s, GlanceAttemptListener listener,
            ObjectMapper json) throws Exception {
        List<GlanceServer> servers = GlanceServer.parseList(s.apiServers == null ? "" : s.apiServers);
        // no servers given, a Keystone given: its catalog names them (SPEC section 9)
        boolean catalog = servers.isEmpty() && blankToNull(s.keystoneAuthUrl) != null;
        if (servers.isEmpty() && !catalog) {
            throw new IllegalArgumentException("apiServers is empty: give the Glance API servers to call, or"
                    + " keystoneAuthUrl to find them in the Keystone catalog");
        }
        Registry registry = context.getRegistry();
        String prefix = s.name + ".";
        AuthStrategy auth = AuthStrategy.of(s.authStrategy);
        ImageSchemas schemas = new ImageSchemas(json);
        ImageMetadata imageMetadata = new ImageMetadata(json);
        ServerCoolDown coolDown = new ServerCoolDown(Duration.ofMillis(s.serverCoolDownMs));
        HikariDataSource dataSource = mappingDataSource(context, s);
        S3ImageMappingStore store = new S3ImageMappingStore(dataSource);
        store.ensureSchema();

        registry.bind(prefix + "lookupRequests", new LookupRequests(json));
        registry.bind(prefix + "errorAnswers", new ErrorAnswers());
        registry.bind(prefix + "imageSchemas", schemas);
        registry.bind(prefix + "glanceResponses", new GlanceResponses(schemas));
        registry.bind(prefix + "glancePaths", new GlancePaths());
        // one TLS context (glance.api-insecure, glance.ca-file) for Glance and the service's Keystone
        SSLContext tls = GlanceTls.context(s.insecure, blankToNull(s.caFile));
        registry.bind(prefix + "glanceHttpConfigurer", httpConfigurer(context, s, tls));
        GlanceWire wire = new GlanceWire(auth, servers);
        registry.bind(prefix + "glanceWire", wire);
        registry.bind(prefix + "imageMetadata", imageMetadata);
        registry.bind(prefix + "novaConversions", new NovaConversions(json));
        registry.bind(prefix + "availabilityCheck",
                new AvailabilityCheck(imageMetadata, auth == AuthStrategy.SERVICE));
        GlanceServerRoutes serverRoutes = new GlanceServerRoutes(s.name, servers, coolDown, s.apiVersion);
        GlanceCatalog glanceCatalog = catalog ? new GlanceCatalog(context, serverRoutes, wire, s.keystoneInterface,
                s.keystoneRegionName, retireAfter(s)) : null;
        ServiceIdentity identity = new ServiceIdentity(ServiceIdentity.tokens(s, auth, tls, listener, json, catalog),
                ServiceIdentity.sendsToken(s, auth), glanceCatalog);
        registry.bind(prefix + "serviceIdentity", identity);
        registry.bind(prefix + "serverCoolDown", coolDown);
        registry.bind(prefix + "glanceAttempts", new GlanceAttempts(listener, coolDown));
        registry.bind(prefix + "glanceAnswerSharing", new GlanceAnswerSharing(answerCache(s, auth)));
        registry.bind(prefix + "imageIdTranslation", new ImageIdTranslation(store, s.createMissing,
                s.mappingCacheSize));
        registry.bind(prefix + "provenanceHeaders", new ProvenanceHeaders());
        registry.bind(prefix + "json", new JsonText(json));

        addRoutes(context, s, serverRoutes);
        return new Assembled(catalog ? identity::discoveredServers : () -> servers, dataSource, store);
    }

    /** How long an attempt that chose a server may still be on it: its schema's request and its image's. */
    private static Duration retireAfter(StepSettings s) {
        return Duration.ofMillis(2L * (s.connectTimeoutMs + s.readTimeoutMs) + 5000);
    }

    private static void addRoutes(CamelContext context, StepSettings s, GlanceServerRoutes serverRoutes)
            throws Exception {
        ModelCamelContext model = (ModelCamelContext) context;
        if (model.getRouteTemplateDefinition("glance-lookup-step") == null) {
            for (String file : TEMPLATES) {
                PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context)
                        .resolveResource("classpath:glance-lookup/" + file + ".yaml"));
            }
        }
        List<String> routeIds = new ArrayList<>();
        routeIds.add(templated(context, "glance-lookup-step", s.name, s.name)
                .parameter("numRetries", String.valueOf(s.numRetries))
                .parameter("retryDelayMs", String.valueOf(s.retryDelayMs))
                .parameter("tokenRetries", String.valueOf(s.numRetries + 1)).add());
        routeIds.add(templated(context, "glance-lookup-failed", s.name + "-failed", s.name)
                .parameter("throwExceptionOnFailure", String.valueOf(s.throwExceptionOnFailure)).add());
        for (String part : new String[] {"translate-id", "translate-uuids", "to-metadata", "glance-answer"}) {
            routeIds.add(templated(context, "glance-lookup-" + part, s.name + "-" + part, s.name).add());
        }
        context.addRoutes(serverRoutes);
        serverRoutes.addServerRoutes(context);
        routeIds.addAll(serverRoutes.routeIds());
        StepRoutesStart.ensure(context, routeIds);
    }

    private static TemplatedRouteBuilder templated(CamelContext context, String template, String routeId,
            String step) {
        return TemplatedRouteBuilder.builder(context, template).routeId(routeId).prefixId(routeId + "-")
                .parameter("step", step);
    }

    private static GlanceHttpConfigurer httpConfigurer(CamelContext context, StepSettings s, SSLContext tls)
            throws Exception {
        if (s.insecure) {
            LOG.warn("{}: insecure (glance.api-insecure=true): TLS certificates and host names of Glance servers"
                    + " are NOT verified",
                    s.name);
        }
        Duration connectTimeout = Duration.ofMillis(s.connectTimeoutMs);
        Duration readTimeout = Duration.ofMillis(s.readTimeoutMs);
        PoolingHttpClientConnectionManager pool = GlanceConnectionPool.create(s.maxConnections, connectTimeout,
                readTimeout, s.maxHeaderBytes, tls, s.insecure);
        AnswerLimits limits = new AnswerLimits(readTimeout, s.maxResponseBytes);
        StopWithCamel.register(context, () -> {
            pool.close();
            limits.close();
        });
        return new GlanceHttpConfigurer(pool, limits, connectTimeout);
    }

    /** Off with cacheTtlMs=0. A lookup waiting for another's Glance call waits about one lookup's retry budget. */
    private static GlanceAnswerCache answerCache(StepSettings s, AuthStrategy auth) {
        long attemptMs = (long) s.connectTimeoutMs + s.readTimeoutMs + s.retryDelayMs;
        return new GlanceAnswerCache(Duration.ofMillis(s.cacheTtlMs), s.cacheMaxEntries,
                Duration.ofMillis((1 + s.numRetries) * attemptMs), auth);
    }

    private static HikariDataSource mappingDataSource(CamelContext context, StepSettings s) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mapping-store");
        String url = blankToNull(s.mappingJdbcUrl);
        // the default: a store of this process only, one per step instance
        config.setJdbcUrl(url != null ? url : "jdbc:h2:mem:" + s.name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername(url != null ? s.mappingUsername : "sa");
        config.setPassword(s.mappingPassword);
        config.setMaximumPoolSize(s.mappingPoolSize);
        config.setConnectionTimeout(s.mappingConnectionTimeoutMs);
        config.setInitializationFailTimeout(-1); // a database that is down at start is not fatal
        HikariDataSource dataSource = new HikariDataSource(config);
        StopWithCamel.register(context, dataSource::close);
        return dataSource;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
