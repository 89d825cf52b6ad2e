package org.glancelookup.bench;

import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;

/**
 * The load driver (bench/run.sh). One process, Glance stand-ins on loopback, the same lookups at each concurrency
 * through each mode in turn, each reported as lookups/s, p50/p99 and its ratio to the baseline:
 * <ul>
 * <li>baseline: a raw pooled JDK HTTP client doing the same Glance request (the physical limit here);</li>
 * <li>direct, http, jms: lookups through {@code direct:lookup}, the HTTP front door, and JMS request/reply;</li>
 * <li>nova: Nova 26's own {@code GlanceImageServiceV2.show} loop (bench/nova_peer.py), the peer to beat;</li>
 * <li>direct-cached: direct with glance.cache.ttl-ms on;</li>
 * <li>direct-3-up and direct-1-down: three servers all healthy, and one of them dead (connection refused), with
 * Nova's retry settings (num-retries 2, 1 s delay) and the default cool-down, measured in turn;</li>
 * <li>direct-noauth and direct-service-token: the stand-in as a configured server without identity, and found in a
 * real Keystone's catalog (scripts/real-keystone.sh) with the service's own token on every request (a cached
 * token: it lives an hour), measured in turn: the added cost per lookup of auth.strategy=service.</li>
 * </ul>
 * Each mode first runs at its highest concurrency until its figure stops moving (the warm-up, measured and
 * printed), then each concurrency is measured. Then the service as shipped ({@code java -jar}, Hawtio on) is started
 * on its own: start-to-ready time and its resident memory after a load; and once more, on the stand-in, for its
 * first 10 s after ready (row first-10s). Writes results.md (tables and the targets) and results.png (the plot).
 */
public final class LookupBench {
    /** -Dbench.service-opts="-Xmx256m ...": JVM options for the shipped service (default: the README's). */
    private static final String SERVICE_OPTS = System.getProperty("bench.service-opts", ShippedJar.README_OPTIONS);
    private static final List<WarmUp> WARM_UPS = new ArrayList<>();
    private static final int[] CONCURRENCY = Arrays.stream(System.getProperty("bench.concurrency", "1,4,16")
            .split(",")).mapToInt(Integer::parseInt).toArray();
    /** The short warm-up of each concurrency level, once a mode has reached its steady state. */
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 3));
    /**
     * Steady state: the last SETTLE_WINDOWS windows at the highest concurrency beat the best window before them by
     * no more than SETTLE_TOLERANCE (the JIT only ever makes it faster, while this VM's noise moves single windows
     * by 10% either way), after at least SETTLE_MIN.
     */
    private static final Duration SETTLE_WINDOW = Duration.ofSeconds(Long.getLong("bench.settle-window-seconds", 5));
    private static final Duration SETTLE_MIN = Duration.ofSeconds(Long.getLong("bench.settle-min-seconds", 30));
    private static final Duration SETTLE_MAX = Duration.ofSeconds(Long.getLong("bench.settle-max-seconds", 150));
    private static final int SETTLE_WINDOWS = 3;
    private static final double SETTLE_TOLERANCE = 0.05;
    /** The first seconds of a new instance, measured on their own row. */
    private static final Duration FIRST = Duration.ofSeconds(10);
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure-seconds", 8));
    private static final String API_VERSION = System.getProperty("bench.api-version", "2");
    private static final List<String> MODES = List.of(System.getProperty("bench.modes",
            "baseline,direct,http,jms,nova,direct-cached,direct-3-up,direct-1-down,direct-noauth,direct-service-token,"
            + "process").split(","));

    record Result(String mode, int concurrency, double perSecond, double p50Ms, double p99Ms) {}

    record ProcessFigures(List<Double> startsToReady, long rssKb, long peakRssKb, long lookups) {
        double startToReadySeconds() {
            return startsToReady.stream().sorted().toList().get(startsToReady.size() / 2);
        }
    }

    /** How long a mode took to reach its steady state, and the lookups/s of each window on the way. */
    record WarmUp(String mode, Duration time, List<Double> windows, boolean settled) {}

    interface Lookup {
        void run(String uuid) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(out);
        List<Result> results = new ArrayList<>();
        ProcessFigures process = null;
        double processorsPerLookup = 0;
        List<GlanceStandIn> glances = List.of(new GlanceStandIn("bench-1"), new GlanceStandIn("bench-2"),
                new GlanceStandIn("bench-3"));
        try {
            List<String> images = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String uuid = UUID.randomUUID().toString();
                Map<String, Object> image = Images.with(Images.publicImage(uuid, "bench-" + i), "kernel_id",
                        UUID.randomUUID().toString());
                glances.forEach(g -> g.forgetRequests().image(image));
                images.add(uuid);
            }
            GlanceStandIn glance = glances.get(0);
            String oneServer = glance.url();
            String threeServers = String.join(",", glances.stream().map(GlanceStandIn::url).toList());
            String oneDown = glances.get(0).url() + "," + glances.get(1).url() + ",http://127.0.0.1:"
                    + FreePorts.next();

            if (want("baseline")) {
                HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                results.addAll(runAll("baseline", uuid -> raw.send(glanceRequest(glance.url(), uuid),
                        HttpResponse.BodyHandlers.ofByteArray()), images));
            }
            if (want("direct") || want("http") || want("jms")) {
                try (TestService service = TestService.start(settings(oneServer))) {
                    drainDownstream(service);
                    ProducerTemplate template = service.context().createProducerTemplate();
                    if (want("direct")) {
                        results.addAll(runAll("direct", direct(template), images));
                        processorsPerLookup = processorsPerLookup(service.context().getManagementName());
                        System.out.printf(Locale.ROOT, "direct         %.1f processor steps per lookup%n",
                                processorsPerLookup);
                    }
                    if (want("http")) {
                        HttpClient front = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                        String base = "http://127.0.0.1:" + service.setting("lookup.http.port") + "/images/";
                        results.addAll(runAll("http", uuid -> expectOk(front.send(HttpRequest.newBuilder(
                                URI.create(base + uuid)).build(), HttpResponse.BodyHandlers.ofString()).body()),
                                images));
                    }
                    if (want("jms")) {
                        results.addAll(runAll("jms", uuid -> expectOk(template.requestBody(
                                "jms:queue:glance.image.lookup?requestTimeout=30000", uuid, String.class)), images));
                    }
                }
            }
            if (want("nova")) {
                results.addAll(NovaPeer.runAll(glance.url(), images, CONCURRENCY, WARMUP, MEASURE));
            }
            if (want("direct-cached")) {
                Map<String, String> settings = settings(oneServer);
                settings.put("glance.cache.ttl-ms", "60000");
                results.addAll(runService("direct-cached", settings, images));
            }
            if (want("direct-3-up") && want("direct-1-down")) {
                results.addAll(runPair("direct-3-up", novaRetries(settings(threeServers)), "direct-1-down",
                        novaRetries(settings(oneDown)), images));
            }
            if (want("direct-noauth") && want("direct-service-token")) {
                results.addAll(runWithKeystone(oneServer, images));
            }
            if (want("process") && Files.exists(Path.of(ShippedJar.JAR))) {
                process = ShippedService.measure(MEASURE);
                // a new instance on the same stand-in as the other modes: its first seconds after ready
                Result first = ShippedService.firstSeconds(oneServer, images, FIRST);
                print(first);
                results.add(first);
            }
        } finally {
            glances.forEach(GlanceStandIn::close);
        }
        String report = BenchReport.markdown(results, WARM_UPS, processorsPerLookup, process, API_VERSION,
                machine());
        System.out.println(report);
        Files.writeString(out.resolve("results.md"), report);
        BenchPlot.write(results, out.resolve("results.png"));
        System.exit(0); // the broker's and the HTTP clients' threads would keep the JVM up
    }

    private static boolean want(String mode) {
        return MODES.contains(mode);
    }

    /** The service as the tests run it (in-VM broker, in-memory H2, no Hawtio) against the given servers. */
    private static Map<String, String> settings(String servers) {
        Map<String, String> settings = TestService.defaults(
                "glance.api-servers", servers,
                "glance.api-version", API_VERSION,
                "glance.server-cool-down-ms", "5000", // the shipped default
                "lookup.jms.concurrent-consumers", "16");
        // -Dbench.settings=key=value,key=value: what-if runs (e.g. lookup.downstream-uri=log:x)
        for (String pair : System.getProperty("bench.settings", "").split(",")) {
            if (pair.contains("=")) {
                settings.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return settings;
    }

    /** Nova's retries on a server pool: two more attempts, one second apart. */
    private static Map<String, String> novaRetries(Map<String, String> settings) {
        settings.put("glance.num-retries", "2");
        settings.put("glance.retry-delay-ms", "1000");
        return settings;
    }

    private static List<Result> runService(String mode, Map<String, String> settings, List<String> images)
            throws Exception {
        try (TestService service = TestService.start(settings)) {
            drainDownstream(service);
            return runAll(mode, direct(service.context().createProducerTemplate()), images);
        }
    }

    /**
     * direct-noauth against direct-service-token: a Keystone of this run (scripts/real-keystone.sh, tokens of an
     * hour) whose catalog has the stand-in as its image endpoint.
     */
    private static List<Result> runWithKeystone(String server, List<String> images) throws Exception {
        Path dir = Path.of("target", "bench-keystone");
        keystoneScript("start", "--port", String.valueOf(FreePorts.next()), "--dir", dir.toString(), "--glance-url",
                server);
        try {
            var keystone = JSON.readTree(dir.resolve("keystone.json").toFile());
            Map<String, String> own = settings("");
            own.put("auth.strategy", "service");
            own.put("keystone.auth-url", keystone.get("auth_url").asText());
            own.put("keystone.application-credential-id",
                    keystone.at("/lookup/application_credential_id").asText());
            own.put("keystone.application-credential-secret",
                    keystone.at("/lookup/application_credential_secret").asText());
            return runPair("direct-noauth", settings(server), "direct-service-token", own, images);
        } finally {
            keystoneScript("stop", "--dir", dir.toString());
        }
    }

    private static void keystoneScript(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/real-keystone.sh"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    /**
     * Two modes a few percent apart (direct-3-up and direct-1-down, say): both services run side by side and are
     * measured in turn twice (first, second, first, second) at each concurrency; each figure is the mean.
     */
    private static List<Result> runPair(String upName, Map<String, String> up, String downName,
            Map<String, String> down, List<String> images) throws Exception {
        List<Result> results = new ArrayList<>();
        try (TestService allUp = TestService.start(up); TestService oneDown = TestService.start(down)) {
            Lookup upLookup = direct(allUp.context().createProducerTemplate());
            Lookup downLookup = direct(oneDown.context().createProducerTemplate());
            settle(upName, upLookup, images);
            settle(downName, downLookup, images);
            for (int concurrency : CONCURRENCY) {
                run(upLookup, images, concurrency, WARMUP);
                run(downLookup, images, concurrency, WARMUP);
                List<Long> upLatencies = new ArrayList<>();
                List<Long> downLatencies = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    upLatencies.addAll(run(upLookup, images, concurrency, MEASURE));
                    downLatencies.addAll(run(downLookup, images, concurrency, MEASURE));
                }
                for (Result r : List.of(result(upName, concurrency, upLatencies, MEASURE.multipliedBy(2)),
                        result(downName, concurrency, downLatencies, MEASURE.multipliedBy(2)))) {
                    print(r);
                    results.add(r);
                }
            }
        }
        return results;
    }

    /**
     * A consumer reads the downstream queue, as in a deployment: a queue nobody reads grows by thousands of
     * messages a second here and slows the broker down over the minutes of a run (bench/soak.sh measures that case).
     */
    private static void drainDownstream(TestService service) throws Exception {
        String downstream = service.setting("lookup.downstream-uri");
        if (downstream.startsWith("jms:queue:")) {
            service.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(downstream + (downstream.contains("?") ? "&" : "?") + "concurrentConsumers=2")
                            .routeId("bench-drain").to("log:drain?level=OFF");
                }
            });
        }
    }

    private static Lookup direct(ProducerTemplate template) {
        return uuid -> expectOk(template.requestBody("direct:lookup", uuid, String.class));
    }

    private static HttpRequest glanceRequest(String server, String uuid) {
        return API_VERSION.equals("1")
                ? HttpRequest.newBuilder(URI.create(server + "/v1/images/" + uuid))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()
                : HttpRequest.newBuilder(URI.create(server + "/v2/images/" + uuid)).build();
    }

    /** A lookup that did not answer the image would make a fast benchmark of failures. */
    static void expectOk(String answer) {
        if (answer == null || !answer.contains("\"uuid\"")) {
            throw new IllegalStateException("lookup failed during the benchmark: " + answer);
        }
    }

    private static List<Result> runAll(String mode, Lookup lookup, List<String> images) throws Exception {
        settle(mode, lookup, images);
        List<Result> results = new ArrayList<>();
        for (int concurrency : CONCURRENCY) {
            run(lookup, images, concurrency, WARMUP);
            List<Long> latencies = run(lookup, images, concurrency, MEASURE);
            Result r = result(mode, concurrency, latencies, MEASURE);
            print(r);
            results.add(r);
        }
        return results;
    }

    /**
     * Runs the mode at its highest concurrency in windows until its figure stops moving (the JIT has settled: on 2
     * cores that takes tens of seconds), at most SETTLE_MAX.
     */
    private static void settle(String mode, Lookup lookup, List<String> images) throws Exception {
        int concurrency = Arrays.stream(CONCURRENCY).max().orElse(16);
        List<Double> windows = new ArrayList<>();
        boolean settled = false;
        while (!settled && SETTLE_WINDOW.multipliedBy(windows.size()).compareTo(SETTLE_MAX) < 0) {
            windows.add(run(lookup, images, concurrency, SETTLE_WINDOW).size() / (SETTLE_WINDOW.toNanos() / 1e9));
            int split = windows.size() - SETTLE_WINDOWS;
            settled = split > 0 && SETTLE_WINDOW.multipliedBy(windows.size()).compareTo(SETTLE_MIN) >= 0
                    && best(windows.subList(split, windows.size())) <= (1 + SETTLE_TOLERANCE)
                            * best(windows.subList(0, split));
        }
        WarmUp warmUp = new WarmUp(mode, SETTLE_WINDOW.multipliedBy(windows.size()), windows, settled);
        System.out.printf(Locale.ROOT, "%-14s warm-up %d s at c=%d%s: %s lookups/s%n", mode,
                warmUp.time().toSeconds(), concurrency, settled ? "" : " (not settled)", String.join(", ",
                        windows.stream().map(w -> String.format(Locale.ROOT, "%.0f", w)).toList()));
        WARM_UPS.add(warmUp);
    }

    /**
     * The steps (processors) an exchange passes through per lookup, from the routes' JMX statistics: every
     * processor's exchange count over the lookups that route lookup took.
     */
    private static double processorsPerLookup(String context) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        long steps = 0;
        for (ObjectName processor : jmx.queryNames(new ObjectName("org.apache.camel:context=" + context
                + ",type=processors,*"), null)) {
            steps += (Long) jmx.getAttribute(processor, "ExchangesTotal");
        }
        long lookups = (Long) jmx.getAttribute(new ObjectName("org.apache.camel:context=" + context
                + ",type=routes,name=\"lookup\""), "ExchangesTotal");
        return lookups == 0 ? 0 : steps / (double) lookups;
    }

    private static double best(List<Double> windows) {
        return windows.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "%-14s c=%-2d %8.0f/s p50 %6.2f ms p99 %6.2f ms%n", r.mode(), r.concurrency(),
                r.perSecond(), r.p50Ms(), r.p99Ms());
    }

    static Result result(String mode, int concurrency, List<Long> latencies, Duration window) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(mode, concurrency, sorted.length / (window.toNanos() / 1e9),
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
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

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: the core count still says enough
        }
        return String.format(Locale.ROOT, "%d cores (%s), %d MB RAM, Java %s, %s", Runtime.getRuntime()
                .availableProcessors(), cpu, totalMemoryMb(), System.getProperty("java.version"),
                System.getProperty("os.name"));
    }

    private static long totalMemoryMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The Nova peer: bench/nova_peer.py against the v2 stand-in, one run per concurrency. */
    static final class NovaPeer {
        static List<Result> runAll(String url, List<String> images, int[] levels, Duration warmup, Duration measure)
                throws Exception {
            Path ids = Files.createTempFile("bench-ids", ".txt");
            Files.write(ids, images);
            List<Result> results = new ArrayList<>();
            for (int concurrency : levels) {
                Process python = new ProcessBuilder("/usr/bin/python3", "bench/nova_peer.py", "--url", url,
                        "--ids", ids.toString(), "--concurrency", String.valueOf(concurrency), "--warmup",
                        String.valueOf(warmup.toSeconds()), "--measure", String.valueOf(measure.toSeconds()))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String line = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (python.waitFor() != 0 || line.isEmpty()) {
                    throw new IllegalStateException("bench/nova_peer.py failed (exit " + python.exitValue() + ")");
                }
                JsonNode figures = JSON.readTree(line);
                if (figures.get("errors").asInt() > 0) {
                    throw new IllegalStateException("Nova's show() failed during the benchmark: " + line);
                }
                Result r = new Result("nova", concurrency, figures.get("count").asDouble()
                        / figures.get("seconds").asDouble(), figures.get("p50_ms").asDouble(),
                        figures.get("p99_ms").asDouble());
                print(r);
                results.add(r);
            }
            Files.delete(ids);
            return results;
        }
    }

    /**
     * The service as shipped, started with the README's command (ShippedJar): on its embedded defaults (demo Glance,
     * embedded broker, H2 file, Hawtio on) for start-to-ready and its RSS after HTTP lookups at concurrency 16; on
     * the bench's stand-in for its first seconds after ready.
     */
    static final class ShippedService {
        static ProcessFigures measure(Duration load) throws Exception {
            List<String> demoImages = ShippedJar.answeredDemoImages();
            // start-to-ready moves by a second between launches on 2 cores: the median of three
            List<Double> starts = new ArrayList<>();
            for (int launch = 0; launch < 2; launch++) {
                try (ShippedJar service = ShippedJar.start(SERVICE_OPTS, List.of())) {
                    starts.add(service.startToReady());
                }
            }
            try (ShippedJar service = ShippedJar.start(SERVICE_OPTS, List.of())) {
                starts.add(service.startToReady());
                List<Long> latencies = run(service.httpLookup(), demoImages, 16, load);
                Map<String, Long> status = procStatus(service.process().pid());
                return new ProcessFigures(starts, status.get("VmRSS"), status.get("VmHWM"), latencies.size());
            }
        }

        /** A new instance on the given Glance: HTTP lookups at c16 in its first seconds after ready. */
        static Result firstSeconds(String glance, List<String> images, Duration first) throws Exception {
            try (ShippedJar service = ShippedJar.start(SERVICE_OPTS, List.of("-Dglance.api-servers=" + glance,
                    "-Dglance.api-version=" + API_VERSION))) {
                return result("first-10s", 16, run(service.httpLookup(), images, 16, first), first);
            }
        }

        private static Map<String, Long> procStatus(long pid) throws IOException {
            Map<String, Long> kb = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                    kb.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
            return kb;
        }
    }
}
