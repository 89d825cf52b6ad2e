package org.glancelookup.operations;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.lookup.LookupFailure;

/**
 * Readiness as a load balancer means it: the broker takes a connection, the mapping store a query, and at least one
 * Glance server answers HTTP. Registered as Camel health checks (readiness only), next to Camel's route checks.
 */
public final class ReadinessChecks {
    private ReadinessChecks() {
    }

    /** What a check asks: null when ready, else why not (no secret, no stack trace). */
    @FunctionalInterface
    private interface Probe {
        String whyNotReady() throws Exception;
    }

    public static HealthCheck broker(ConnectionFactory factory) {
        return new Readiness("broker", e -> "broker unreachable: " + e.getMessage(), () -> {
            try (Connection connection = factory.createConnection()) {
                connection.getMetaData();
                return null;
            }
        });
    }

    public static HealthCheck mappingStore(DataSource dataSource) {
        return new Readiness("mapping-store", e -> "mapping store unreachable", () -> {
            try (var connection = dataSource.getConnection()) {
                return connection.isValid(2) ? null : "mapping store connection not valid";
            }
        });
    }

    /**
     * Ready when one usable server gives any HTTP answer (it is there) within the timeout. {@code servers}: the
     * servers now (the Keystone catalog's may change; a failure to read it is why the check is down).
     */
    public static HealthCheck glance(Supplier<List<GlanceServer>> servers, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        return new Readiness("glance", e -> e instanceof LookupFailure ? e.getMessage() : "no Glance server answers",
                () -> oneAnswers(servers.get(), http, timeout) ? null : "no Glance server answers");
    }

    private static boolean oneAnswers(List<GlanceServer> servers, HttpClient http, Duration timeout)
            throws InterruptedException {
        for (GlanceServer server : servers) {
            if (server.isUsable()) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).timeout(timeout).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return true;
                } catch (IOException | RuntimeException e) {
                    // not there: the next one
                }
            }
        }
        return false;
    }

    private static final class Readiness extends AbstractHealthCheck {
        private final Function<Exception, String> failed;
        private final Probe probe;

        /** {@code failed}: the message when the probe throws (the store's leaves out the driver's text). */
        Readiness(String id, Function<Exception, String> failed, Probe probe) {
            super("glance-lookup", id);
            this.failed = failed;
            this.probe = probe;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            String why;
            try {
                why = probe.whyNotReady();
            } catch (Exception e) {
                why = failed.apply(e);
            }
            if (why == null) {
                builder.up();
            } else {
                builder.message(why).down();
            }
        }
    }
}
