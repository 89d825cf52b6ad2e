package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * A Glance call starts no thread: on a JVM whose common ForkJoin pool has parallelism 1 (as on 2 CPUs, set for the
 * whole suite in the pom), 2,000 lookups at concurrency 16 start fewer than 20 threads once the pools are warm
 * (the broker's pools still grow a little under HTTP load: 9 to 11 of its threads seen, one per 200 lookups).
 * The JDK HttpClient this service used before started one per request there.
 */
class NoThreadPerLookupTest {
    private static final int LOOKUPS = 2000;
    private static final int CONCURRENCY = 16;
    private static final int MOST_THREADS = 20;
    private static final List<String> IMAGES = List.of("ami-00000001", "aki-00000002", "ari-00000003",
            "ami-00000004");

    private interface Lookup {
        String run(String imageId) throws Exception;
    }

    @Test
    void directLookupsStartNoThreadOnV1AndV2() throws Exception {
        for (String version : List.of("1", "2")) {
            try (TestService service = TestService.start("glance.api-version", version)) {
                long started = threadsStartedBy(id -> service.lookupBody(id));
                System.out.println("v" + version + " direct: " + started + " threads started in " + LOOKUPS
                        + " lookups");
                assertThat(started).as("threads started by %d direct lookups, v%s", LOOKUPS, version)
                        .isLessThan(MOST_THREADS);
            }
        }
    }

    @Test
    void httpLookupsStartNoThread() throws Exception {
        try (TestService service = TestService.start("glance.api-version", "2")) {
            String base = "http://127.0.0.1:" + service.setting("lookup.http.port") + "/images/";
            long started = threadsStartedBy(id -> httpGet(base + id));
            System.out.println("v2 http: " + started + " threads started in " + LOOKUPS + " lookups");
            assertThat(started).as("threads started by %d HTTP lookups", LOOKUPS).isLessThan(MOST_THREADS);
        }
    }

    /** Warms every pool with one round, then counts the threads the JVM starts during the measured round. */
    private static long threadsStartedBy(Lookup lookup) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            run(callers, lookup, LOOKUPS); // bounded pools (the broker's, Vert.x') grow to their working size
            long before = threads.getTotalStartedThreadCount();
            long lastId = java.util.Arrays.stream(threads.getAllThreadIds()).max().orElse(0);
            run(callers, lookup, LOOKUPS);
            long started = threads.getTotalStartedThreadCount() - before;
            // the ones still alive, by name: where to look when the count goes up
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadId() > lastId) {
                    System.out.println("  started: " + info.getThreadName());
                }
            }
            return started;
        } finally {
            callers.shutdownNow();
        }
    }

    private static void run(ExecutorService callers, Lookup lookup, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            workers.add(callers.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    String image = IMAGES.get(n % IMAGES.size());
                    assertThat(lookup.run(image)).as("answer %d", n).contains("\"ec2_id\":\"" + image + "\"");
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
    }

    /** A blocking keep-alive GET (the JDK HttpClient would itself start threads in this JVM). */
    private static String httpGet(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
