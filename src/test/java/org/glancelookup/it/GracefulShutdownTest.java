package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.glancelookup.support.AppProcess;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.H2TcpServer;
import org.glancelookup.support.Images;
import org.glancelookup.support.JmsClient;
import org.glancelookup.support.StandaloneBroker;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM loses nothing: the service finishes the lookups in flight, takes no new ones, and the requests it did not
 * take are answered by the next instance. Runs against a standalone broker with the service in its own JVM.
 */
class GracefulShutdownTest {
    private static final String REQUESTS = "glance.image.lookup";
    private static final String REPLIES = "graceful.replies";

    @Test
    void sigtermFinishesInFlightLookupsAndLeavesTheRestQueued() throws Exception {
        Path work = Path.of("target", "graceful-" + UUID.randomUUID());
        try (StandaloneBroker broker = new StandaloneBroker(work.resolve("broker"), 5, 200);
             H2TcpServer database = new H2TcpServer();
             GlanceStandIn glance = new GlanceStandIn("g");
             JmsClient client = new JmsClient(broker.url() + "?user=" + StandaloneBroker.USER + "&password="
                     + StandaloneBroker.PASSWORD)) {
            String image = UUID.randomUUID().toString();
            glance.image(Images.publicImage(image, "slow")).hold();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("broker.url", broker.url());
            settings.put("broker.username", StandaloneBroker.USER);
            settings.put("broker.password", StandaloneBroker.PASSWORD);
            settings.put("glance.api-servers", glance.url());
            settings.put("mapping.jdbc-url", database.url("graceful"));
            settings.put("lookup.jms.concurrent-consumers", "4");
            settings.put("hawtio.enabled", "false");

            try (AppProcess first = AppProcess.start("first", new LinkedHashMap<>(settings), work)) {
                for (int i = 0; i < 12; i++) {
                    client.send(REQUESTS, client.text(image), REPLIES, "graceful-" + i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> glance.waiting() == 4);

                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return first.terminate();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Files.readString(first.log().toPath()).contains("is shutting down"));
                glance.release();
                int code = exit.get();
                System.out.println("first instance exited with " + code + " after SIGTERM");
                assertThat(Files.readString(first.log().toPath())).contains("Waiting as there are still").contains(") shutdown in");
            }
            Set<String> answered = new HashSet<>();
            for (Message m : client.drain(REPLIES, 1000)) {
                answered.add(m.getJMSCorrelationID());
            }
            assertThat(answered).as("the four lookups in flight were finished, not abandoned").hasSize(4);
            assertThat(glance.imageRequests()).hasSize(4);

            try (AppProcess second = AppProcess.start("second", new LinkedHashMap<>(settings), work)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (Message m : client.drain(REPLIES, 500)) {
                        answered.add(m.getJMSCorrelationID());
                    }
                    return answered.size() == 12;
                });
            }
            assertThat(answered).hasSize(12);
            assertThat(glance.imageRequests()).as("no lookup was done twice").hasSize(12);
            assertThat(client.receive("DLQ." + REQUESTS, 200)).isNull();
        }
    }
}
