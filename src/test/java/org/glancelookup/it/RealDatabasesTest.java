package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glancelookup.mapping.S3ImageMappingStore;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.JmsClient;
import org.glancelookup.support.RealDatabase;
import org.glancelookup.support.TcpProxy;
import org.glancelookup.support.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The s3_images mapping store on PostgreSQL and MariaDB: schema, the create race, and an outage. */
class RealDatabasesTest {
    private static HikariDataSource pool(RealDatabase.Schema schema) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(schema.url());
        dataSource.setUsername(schema.database().user);
        dataSource.setPassword(schema.database().password);
        dataSource.setMaximumPoolSize(16);
        return dataSource;
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void schemaIsCreatedAndConcurrentCreatesEndInOneRow(RealDatabase database) throws Exception {
        try (RealDatabase.Schema schema = database.freshSchema(); HikariDataSource dataSource = pool(schema)) {
            S3ImageMappingStore store = new S3ImageMappingStore(dataSource);
            store.ensureSchema();
            store.ensureSchema(); // "if absent": a second start finds the table
            assertThat(store.idForOrCreate("first")).isEqualTo(1);
            assertThat(store.uuidFor(1)).hasValue("first");

            String uuid = UUID.randomUUID().toString();
            ExecutorService threads = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add(threads.submit(() -> {
                    go.await();
                    return store.idForOrCreate(uuid);
                }));
            }
            go.countDown();
            List<Long> got = new ArrayList<>();
            for (Future<Long> id : ids) {
                got.add(id.get(30, TimeUnit.SECONDS));
            }
            threads.shutdown();
            assertThat(got).containsOnly(got.get(0));
            assertThat(schema.count("SELECT COUNT(*) FROM s3_images WHERE uuid = '" + uuid + "'")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void anOutageIsMappingStoreUnavailableAndQueuedLookupsWaitItOut(RealDatabase database) throws Exception {
        try (RealDatabase.Schema schema = database.freshSchema();
             TcpProxy network = new TcpProxy(database.host, database.port);
             GlanceStandIn glance = new GlanceStandIn("g")) {
            String image = UUID.randomUUID().toString();
            glance.image(Images.publicImage(image, "on-" + database));
            int brokerPort = FreePorts.next();
            try (TestService service = TestService.start(
                    "broker.embedded-port", String.valueOf(brokerPort),
                    "glance.api-servers", glance.url(),
                    "mapping.jdbc-url", schema.url(network.port()),
                    "mapping.username", database.user,
                    "mapping.password", database.password,
                    "mapping.connection-timeout-ms", "1000",
                    "lookup.jms.redelivery-delay-ms", "200",
                    "lookup.jms.max-redelivery-delay-ms", "1000",
                    "lookup.jms.max-deliveries", "50",
                    "mapping.cache-size", "0"); // every lookup must reach the store for the outage to show
                 JmsClient client = new JmsClient("tcp://127.0.0.1:" + brokerPort)) {
                JsonNode first = JSON.readTree(service.httpGet("/images/" + image).body());
                long id = first.get("id").asLong();
                assertThat(schema.count("SELECT COUNT(*) FROM s3_images")).isEqualTo(1);

                network.down();
                var during = service.httpGet("/images/ami-" + String.format("%08x", id));
                assertThat(during.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(during.body()).get("error").asText()).isEqualTo("MappingStoreUnavailable");
                assertThat(during.body()).doesNotContain(database.password.isEmpty() ? "\u0000" : database.password);

                // a queued lookup is not lost: rolled back and redelivered until the store is back
                client.send("glance.image.lookup", client.text(String.format("ami-%08x", id)), "test.replies",
                        "db-outage-1");
                assertThat(client.receive("test.replies", 1500)).isNull();
                network.up();
                Message reply = client.receive("test.replies", 30000);
                assertThat(reply).isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("db-outage-1");
                assertThat(JSON.readTree(((TextMessage) reply).getText()).get("uuid").asText()).isEqualTo(image);
                assertThat(client.receive("DLQ.glance.image.lookup", 200)).isNull();
            }
        }
    }
}
