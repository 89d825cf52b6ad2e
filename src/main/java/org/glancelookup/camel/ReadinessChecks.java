package org.glancelookup.camel;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.glancelookup.glance.GlanceServer;

/**
 * Readiness as a load balancer means it: the broker takes a connection, the mapping store a query, and at least one
 * Glance server answers HTTP. Registered as Camel health checks (readiness only), next to Camel's route checks.
 */
final class ReadinessChecks {
    private ReadinessChecks() {
    }

    private abstract static class Readiness extends AbstractHealthCheck {
        Readiness(String id) {
            super("glance-lookup", id);
        }

        @Override
        public boolean isLiveness() {
            return false;
        }
    }

    static final class Broker extends Readiness {
        private final ConnectionFactory factory;

        Broker(ConnectionFactory factory) {
            super("broker");
            this.factory = factory;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            try (Connection connection = factory.createConnection()) {
                connection.getMetaData();
                builder.up();
            } catch (Exception e) {
                builder.message("broker unreachable: " + e.getMessage()).down();
            }
        }
    }

    static final class MappingStore extends Readiness {
        private final DataSource dataSource;

        MappingStore(DataSource dataSource) {
            super("mapping-store");
            this.dataSource = dataSource;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            try (var connection = dataSource.getConnection()) {
                if (connection.isValid(2)) {
                    builder.up();
                } else {
                    builder.message("mapping store connection not valid").down();
                }
            } catch (SQLException e) {
                builder.message("mapping store unreachable").down();
            }
        }
    }

    static final class Glance extends Readiness {
        private final List<GlanceServer> servers;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Glance(List<GlanceServer> servers) {
            super("glance");
            this.servers = servers;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            for (GlanceServer server : servers) {
                if (server.isUsable() && answers(server.url())) {
                    builder.detail("answering", server.url()).up();
                    return;
                }
            }
            builder.message("no Glance server answers").down();
        }

        private boolean answers(String url) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return true; // any HTTP answer: the server is there
            } catch (Exception e) {
                return false;
            }
        }
    }
}
