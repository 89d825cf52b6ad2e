package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.glancelookup.support.AppProcess;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.H2TcpServer;
import org.glancelookup.support.Images;
import org.glancelookup.support.JmsClient;
import org.glancelookup.support.StandaloneBroker;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost under faults: 2,000 queued lookups with distinct request ids against two service instances on a
 * standalone broker, while one instance is SIGKILLed, the broker is restarted and one Glance answers 503 for a
 * while. Afterwards every request id has an answer or sits in the dead letter queue.
 */
class FaultInjectionTest {
    private static final int REQUESTS = 2000;
    private static final String QUEUE = "glance.image.lookup";
    private static final String REPLIES = "fault.replies";

    @Test
    void everyRequestIsAnsweredOrDeadLetteredThroughKillsRestartsAndOutages() throws Exception {
        Path work = Path.of("target", "fault-" + UUID.randomUUID()).toAbsolutePath();
        List<AppProcess> apps = new ArrayList<>();
        try (StandaloneBroker broker = new StandaloneBroker(work.resolve("broker"), 10, 100);
             H2TcpServer database = new H2TcpServer();
             GlanceStandIn s1 = new GlanceStandIn("s1");
             GlanceStandIn s2 = new GlanceStandIn("s2")) {
            List<String> images = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String uuid = UUID.randomUUID().toString();
                images.add(uuid);
                s1.image(Images.publicImage(uuid, "image-" + i));
                s2.image(Images.publicImage(uuid, "image-" + i));
            }
            // a busy Glance (40 ms an answer) spreads the run over several seconds, so the faults hit it mid-way
            s1.latency(40);
            s2.latency(40);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("broker.url", broker.url());
            settings.put("broker.username", StandaloneBroker.USER);
            settings.put("broker.password", StandaloneBroker.PASSWORD);
            settings.put("glance.api-servers", s1.url() + "," + s2.url());
            settings.put("glance.num-retries", "1");
            settings.put("glance.retry-delay-ms", "20");
            settings.put("mapping.jdbc-url", database.url("fault"));
            settings.put("lookup.jms.concurrent-consumers", "4");
            settings.put("hawtio.enabled", "false");
            String clientUrl = broker.url() + "?user=" + StandaloneBroker.USER + "&password=" + StandaloneBroker.PASSWORD;
            int sent = 0;
            try (JmsClient sender = new JmsClient(clientUrl)) {
                for (int i = 0; i < REQUESTS; i++) {
                    String body = "{\"image_id\": \"" + images.get(i % images.size()) + "\", \"request_id\": \"fault-"
                            + i + "\"}";
                    sender.send(QUEUE, sender.text(body), REPLIES, "fault-" + i);
                    sent++;
                }
            }
            // the whole load is queued before the instances start taking it
            apps.add(AppProcess.start("instance-a", new LinkedHashMap<>(settings), work));
            apps.add(AppProcess.start("instance-b", new LinkedHashMap<>(settings), work));

            // the faults, each once the lookups are well under way
            awaitGlanceRequests(s1, s2, 300);
            s1.answerAll(503);
            progress("fault: Glance s1 answers 503", s1, s2);
            awaitGlanceRequests(s1, s2, 600);
            apps.get(0).kill();
            progress("fault: instance-a SIGKILLed", s1, s2);
            awaitGlanceRequests(s1, s2, 900);
            progress("fault: broker restarting", s1, s2);
            broker.restart();
            progress("fault: broker restarted", s1, s2);
            apps.add(AppProcess.start("instance-c", new LinkedHashMap<>(settings), work));
            awaitGlanceRequests(s1, s2, 1200);
            s1.answerAll(0);
            progress("fault: Glance s1 answers again", s1, s2);

            Set<String> answered = ConcurrentHashMap.newKeySet();
            Set<String> deadLettered = ConcurrentHashMap.newKeySet();
            int total = sent;
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                collect(clientUrl, REPLIES, answered);
                collect(clientUrl, "DLQ." + QUEUE, deadLettered);
                return answered.size() + deadLettered.stream().filter(id -> !answered.contains(id)).count() >= total;
            });
            long dead = deadLettered.stream().filter(id -> !answered.contains(id)).count();
            long lost = total - answered.size() - dead;
            System.out.printf("sent %d, answered %d, dead-lettered %d, lost %d%n", total, answered.size(), dead, lost);
            assertThat(lost).isZero();
            assertThat(answered).allMatch(id -> id.startsWith("fault-"));
            // the faults did hit lookups: retries on the other server while s1 answered 503, and more Glance
            // requests than lookups (work redone after the kill and the restart, or retried)
            long retried = 0;
            for (AppProcess app : apps) {
                retried += java.nio.file.Files.readAllLines(app.log().toPath()).stream()
                        .filter(l -> l.contains("Error contacting glance server")).count();
            }
            System.out.println("failed Glance attempts logged: " + retried);
            assertThat(retried).isPositive();
            assertThat(s1.imageRequests().size() + s2.imageRequests().size()).isGreaterThan(total);
        } finally {
            for (AppProcess app : apps) {
                app.close();
            }
        }
    }

    private static void progress(String event, GlanceStandIn s1, GlanceStandIn s2) {
        System.out.printf("%s (Glance requests so far: s1 %d, s2 %d)%n", event, s1.imageRequests().size(),
                s2.imageRequests().size());
    }

    private static void awaitGlanceRequests(GlanceStandIn s1, GlanceStandIn s2, int atLeast) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> Stream.of(s1, s2).mapToInt(s -> s.imageRequests().size()).sum() >= atLeast);
    }

    /** Takes what is on the queue now; a broker that is just coming back is tried again next time. */
    private static void collect(String url, String queue, Set<String> ids) {
        try (JmsClient client = new JmsClient(url)) {
            for (Message m : client.drain(queue, 300)) {
                ids.add(m.getJMSCorrelationID());
            }
        } catch (JMSException brokerNotBackYet) {
            System.out.println("collect: " + brokerNotBackYet.getMessage());
        }
    }
}
