package org.glancelookup.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;

/**
 * The load driver (bench/run.sh): one process, one Glance stand-in on loopback, the same lookups at concurrency
 * 1, 4 and 16 through each mode in turn, each reported as lookups/s, p50/p99 and its ratio to the baseline
 * (a raw pooled HTTP client doing the same HEAD requests: the physical limit here).
 * First slice of the benchmark issue: modes baseline, direct, http, jms; no cache, no Nova peer yet.
 */
public final class LookupBench {
    private static final int[] CONCURRENCY = {1, 4, 16};
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(8);

    record Result(String mode, int concurrency, double perSecond, double p50Ms, double p99Ms) {}

    interface Lookup {
        void run(String uuid) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(out);
        try (GlanceStandIn glance = new GlanceStandIn("bench")) {
            List<String> images = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String uuid = UUID.randomUUID().toString();
                glance.image(Images.publicImage(uuid, "bench-" + i));
                images.add(uuid);
            }
            Map<String, String> settings = TestService.defaults();
            settings.put("glance.api-servers", glance.url());
            settings.put("lookup.jms.concurrent-consumers", "16");
            // -Dbench.settings=key=value,key=value: what-if runs (e.g. lookup.downstream-uri=log:x)
            for (String pair : System.getProperty("bench.settings", "").split(",")) {
                if (pair.contains("=")) {
                    settings.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            String only = System.getProperty("bench.modes", "baseline,direct,http,jms");
            List<Result> results = new ArrayList<>();
            HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (TestService service = TestService.start(settings)) {
                ProducerTemplate template = service.context().createProducerTemplate();
                HttpClient front = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String port = service.setting("lookup.http.port");
                Map<String, Lookup> modes = new java.util.LinkedHashMap<>();
                modes.put("baseline", uuid -> raw.send(HttpRequest.newBuilder(URI.create(glance.url() + "/v1/images/"
                        + uuid)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()));
                modes.put("direct", uuid -> template.requestBody("direct:lookup", uuid, String.class));
                modes.put("http", uuid -> front.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/images/" + uuid)).build(), HttpResponse.BodyHandlers.ofString()));
                modes.put("jms", uuid -> template.requestBody(
                        "jms:queue:glance.image.lookup?requestTimeout=30000", uuid, String.class));
                modes.keySet().retainAll(List.of(only.split(",")));
                for (Map.Entry<String, Lookup> mode : modes.entrySet()) {
                    for (int concurrency : CONCURRENCY) {
                        run(mode.getValue(), images, concurrency, WARMUP);
                        Result r = measure(mode.getKey(), mode.getValue(), images, concurrency);
                        System.out.printf(Locale.ROOT, "%-8s c=%-2d %8.0f/s p50 %6.2f ms p99 %6.2f ms%n", r.mode(),
                                r.concurrency(), r.perSecond(), r.p50Ms(), r.p99Ms());
                        results.add(r);
                    }
                }
            }
            String table = table(results);
            System.out.println(table);
            Files.writeString(out.resolve("results.md"), table);
        }
    }

    private static Result measure(String mode, Lookup lookup, List<String> images, int concurrency)
            throws Exception {
        List<Long> latencies = run(lookup, images, concurrency, MEASURE);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = MEASURE.toNanos() / 1e9;
        return new Result(mode, concurrency, sorted.length / seconds, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6);
    }

    /** Runs the lookups from {@code concurrency} threads for the given time; the latencies of all of them. */
    private static List<Long> run(Lookup lookup, List<String> images, int concurrency, Duration time)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + time.toNanos();
        AtomicInteger next = new AtomicInteger();
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Callable<List<Long>> worker = () -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    String uuid = images.get(Math.floorMod(next.getAndIncrement(), images.size()));
                    long start = System.nanoTime();
                    lookup.run(uuid);
                    mine.add(System.nanoTime() - start);
                }
                return mine;
            };
            workers.add(pool.submit(worker));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> worker : workers) {
            all.addAll(worker.get());
        }
        pool.shutdown();
        return all;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static String table(List<Result> results) {
        StringBuilder md = new StringBuilder("| mode | concurrency | lookups/s | p50 ms | p99 ms | x baseline |\n"
                + "|---|---|---|---|---|---|\n");
        for (Result r : results) {
            double base = results.stream().filter(b -> b.mode().equals("baseline")
                    && b.concurrency() == r.concurrency()).mapToDouble(Result::perSecond).findFirst().orElse(1);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f |%n", r.mode(),
                    r.concurrency(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.perSecond() / base));
        }
        return md.toString();
    }

}
