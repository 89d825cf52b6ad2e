package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancelookup.support.AppProcess;
import org.junit.jupiter.api.Test;

/**
 * From the first accepted connection to the last, every HTTP answer is the right one or ServiceBusy (503 with
 * Retry-After and the error JSON): while the service starts, and while it stops on SIGTERM under load. The service
 * runs in a JVM of its own on its demo defaults; the lookup is the first demo image.
 */
class FrontDoorLifecycleTest {
    private static final String LOOKUP = "/images/ami-00000001";

    @Test
    void fromTheFirstAcceptedConnectionEveryAnswerIsRightOrServiceBusy() throws Exception {
        try (AppProcess app = AppProcess.launch("starting", settings(), work())) {
            Answers answers = new Answers(app.httpPort());
            long refused = 0;
            while (answers.right < 20) {
                assertThat(app.isAlive()).as("the service runs; see " + app.log()).isTrue();
                Kind kind = answers.ask();
                if (kind == Kind.CLOSED) {
                    refused++; // the port is not open yet
                    Thread.sleep(10);
                } else if (kind == Kind.LOST) {
                    throw new AssertionError("a connection accepted while starting was closed unanswered");
                } else if (kind == Kind.BUSY) {
                    assertThat(answers.right).as("no ServiceBusy once a lookup was answered").isZero();
                }
            }
            System.out.println("start window: " + refused + " connections refused, then " + answers.busy
                    + " ServiceBusy, then " + answers.right + " right answers; " + answers.checked() + " checked");
        }
    }

    @Test
    void afterSigtermUnderLoadEveryAnswerIsRightOrServiceBusyUntilThePortCloses() throws Exception {
        try (AppProcess app = AppProcess.start("stopping", settings(), work())) {
            int callers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<Answers>> load = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    load.add(pool.submit(() -> {
                        Answers answers = new Answers(app.httpPort());
                        Kind kind;
                        do {
                            kind = answers.ask(); // every answer until the port closes is checked
                        } while (kind == Kind.RIGHT || kind == Kind.BUSY);
                        answers.lostLast = kind == Kind.LOST;
                        return answers;
                    }));
                }
                Thread.sleep(3000);
                int exit = app.terminate();
                long right = 0;
                long busy = 0;
                long lost = 0;
                for (Future<Answers> caller : load) {
                    Answers answers = caller.get();
                    assertThat(answers.right).as("a caller was answered before SIGTERM").isPositive();
                    right += answers.right;
                    busy += answers.busy;
                    lost += answers.lostLast ? 1 : 0;
                }
                System.out.println("stop window: SIGTERM under " + callers + " callers, exit " + exit + ": " + right
                        + " right answers, " + busy + " ServiceBusy, then the port closed (" + lost + " requests on their way as it closed); "
                        + (right + busy) + " checked");
                assertThat(exit).as("the graceful shutdown's exit code").isIn(0, 143);
                // Camel's and the service's own loggers (Netty may note a connection accepted as the port closed)
                assertThat(Files.readAllLines(app.log().toPath())).as("the shutdown logs no failure of its own")
                        .noneMatch(line -> line.matches(".* (WARN|ERROR) +\\[[^\\]]*\\] o\\.(a\\.c|g)\\..*"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker.embedded-port", "0");
        settings.put("mapping.jdbc-url", "jdbc:h2:mem:lifecycle;DB_CLOSE_DELAY=-1");
        settings.put("demo.ports", "0,0");
        settings.put("hawtio.enabled", "false");
        return settings;
    }

    private static Path work() {
        return Path.of("target", "front-door-lifecycle-" + UUID.randomUUID());
    }

    /** RIGHT or BUSY: an answer, checked; CLOSED: the port refused the connection; LOST: closed unanswered. */
    private enum Kind { RIGHT, BUSY, CLOSED, LOST }

    /** One caller's lookups, each checked: the right metadata, ServiceBusy, or no answer because the port is shut. */
    private static final class Answers {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final HttpRequest request;
        private String rightBody;
        long right;
        long busy;
        boolean lostLast;

        Answers(int port) {
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LOOKUP))
                    .timeout(Duration.ofSeconds(30)).build();
        }

        long checked() {
            return right + busy;
        }

        Kind ask() throws Exception {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                return Kind.CLOSED;
            } catch (IOException e) {
                return Kind.LOST; // the connection closed before an answer (the server closes its connections last)
            }
            JsonNode body = JSON.readTree(response.body());
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            if (response.statusCode() == 503) {
                assertThat(body.path("error").asText()).as(response.body()).isEqualTo("ServiceBusy");
                assertThat(body.path("message").asText()).matches("The service is (starting|stopping); .*");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                busy++;
                return Kind.BUSY;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(body.path("id").asInt()).isEqualTo(1);
            assertThat(body.path("ec2_id").asText()).isEqualTo("ami-00000001");
            if (rightBody == null) {
                rightBody = response.body();
            }
            assertThat(response.body()).as("every right answer is the same").isEqualTo(rightBody);
            right++;
            return Kind.RIGHT;
        }
    }
}
