package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.glancelookup.support.LogCapture;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/** Lookups of every outcome under concurrent load from a fresh start: answered right, and nothing logged above INFO. */
class QuietUnderLoadTest {
    private static final List<String> IDS = List.of("ami-00000001", "ami-00000002", "ami-00000003", "ami-0000zzzz",
            "ami-7fffffff");

    @Test
    void aWarmingServiceUnderLoadLogsNoErrorForAnsweredLookups() throws Exception {
        try (LogCapture logs = LogCapture.at(Level.INFO); TestService service = TestService.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + service.setting("lookup.http.port") + "/images/";
            ConcurrentHashMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            ExecutorService callers = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int first = t;
                callers.submit(() -> {
                    for (int i = first; System.nanoTime() < until; i++) {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create(base + IDS.get(i % IDS.size()))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                });
            }
            callers.shutdown();
            assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            System.out.println("quiet under load: " + statuses);
            assertThat(statuses.keySet()).containsOnly(200, 400, 404);
            assertThat(logs.lines().stream().filter(l -> l.startsWith("ERROR") || l.startsWith("WARN")).toList())
                    .isEmpty();
        }
    }
}
