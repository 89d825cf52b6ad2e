package org.glancelookup.bench;

import static org.glancelookup.support.TestJson.JSON;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import com.sun.tools.attach.VirtualMachine;

/**
 * The soak benchmark (bench/soak.sh): the shipped jar started with the README's command (demo Glance, embedded
 * broker, H2 file, Hawtio on), under constant HTTP load from wrk for N minutes, once with a consumer draining the
 * downstream queue at full speed and once with nobody reading it. Each window records lookups/s, p99, errors, the
 * heap after a full GC (jcmd GC.run at the window's end), the share of time in GC, RSS, the
 * downstream queue's depth and its bytes paged to disk. Writes soak.md, soak.png and soak.json (the windows:
 * {@code -Dsoak.from=soak.json} renders the report and the plot again from them).
 */
public final class SoakBench {
    /** -Dsoak.service-opts="...": JVM options for the shipped service (default: the README's). */
    private static final String SERVICE_OPTS = System.getProperty("soak.service-opts", ShippedJar.README_OPTIONS);
    private static final String DOWNSTREAM = "glance.image.metadata";
    private static final Duration RUN = Duration.ofMinutes(Long.getLong("soak.minutes", 10));
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("soak.window-seconds", 15));
    /** Windows before this are the JIT's warm-up: shown, but not in the stability target. */
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("soak.warmup-seconds", 60));
    private static final int CONCURRENCY = Integer.getInteger("soak.concurrency", 16);
    private static final List<String> RUNS = List.of(System.getProperty("soak.runs", "drained,undrained").split(","));
    private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+([\\d.]+)(us|ms|s)\\s*$");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s+(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    record Window(double endSeconds, double perSecond, double p99Ms, long errors, double heapAfterGcMb,
            double gcPercent, double rssMb, long queueDepth, double pagedMb, boolean hawtio) {}

    record Run(String name, double startToReadySeconds, List<Window> windows, long drained) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(out);
        List<Run> runs = new ArrayList<>();
        String from = System.getProperty("soak.from");
        if (from != null) {
            // -Dsoak.from=bench/results/soak.json: the report and the plot again from a run's recorded windows
            runs.addAll(JSON.readValue(Path.of(from).toFile(),
                    JSON.getTypeFactory().constructCollectionType(List.class, Run.class)));
        } else {
            for (String name : RUNS) {
                runs.add(soak(name, name.equals("drained")));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("soak.json").toFile(), runs);
        }
        String report = report(runs);
        System.out.println(report);
        Files.writeString(out.resolve("soak.md"), report);
        SoakPlot.write(runs, out.resolve("soak.png"));
        System.exit(0);
    }

    private static Run soak(String name, boolean drain) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Drainer drainer = null;
        try (ShippedJar service = ShippedJar.start(SERVICE_OPTS, List.of())) {
            Path dir = service.dir();
            int port = service.port();
            double ready = service.startToReady();
            System.out.printf(Locale.ROOT, "%s: ready after %.2f s (log: %s)%n", name, ready,
                    dir.resolve("service.log"));
            if (drain) {
                drainer = new Drainer("tcp://127.0.0.1:" + service.brokerPort());
            }
            Path script = wrkScript(dir);
            List<Window> windows = new ArrayList<>();
            long start = System.nanoTime();
            try (Heap heap = new Heap(service.process().pid())) {
                Scrape before = scrape(http, port);
                long count = RUN.toSeconds() / WINDOW.toSeconds();
                for (int i = 0; i <= count; i++) {
                    if (i == count) {
                        // one more window with the console deployed, as when somebody watches in Hawtio
                        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.hawtioPort() + "/hawtio/")).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                    String wrk = wrk(script, port);
                    double heapMb = heap.afterFullGcMb();
                    Scrape after = scrape(http, port);
                    long errors = count(NON_2XX, wrk) + socketErrors(wrk) + after.failedLookups - before.failedLookups;
                    Window w = new Window((System.nanoTime() - start) / 1e9, count(REQUESTS, wrk)
                            / (double) WINDOW.toSeconds(), p99Ms(wrk), errors, heapMb,
                            100 * (after.gcSeconds - before.gcSeconds) / WINDOW.toSeconds(), rssMb(service.process().pid()),
                            (long) after.queueDepth, after.pagedBytes / 1e6, i == count);
                    windows.add(w);
                    System.out.printf(Locale.ROOT, "%s %5.0f s%s: %6.0f/s p99 %6.1f ms errors %d heap %5.1f MB"
                            + " GC %4.1f%% RSS %5.1f MB queue %d paged %.1f MB%n", name, w.endSeconds,
                            w.hawtio ? " (Hawtio open)" : "", w.perSecond, w.p99Ms, w.errors, w.heapAfterGcMb,
                            w.gcPercent, w.rssMb, w.queueDepth, w.pagedMb);
                    before = after;
                }
            }
            return new Run(name, ready, windows, drainer == null ? 0 : drainer.received.get());
        } finally {
            if (drainer != null) {
                drainer.close();
            }
        }
    }

    /** wrk asks for the demo's public active images in turn (each wrk thread its own rotation). */
    private static Path wrkScript(Path dir) throws IOException {
        List<String> paths = ShippedJar.answeredDemoImages().stream().map(id -> "\"/images/" + id + "\"").toList();
        Path script = dir.resolve("soak.lua");
        Files.writeString(script, "local paths = {" + String.join(",", paths) + "}\nlocal i = 0\n"
                + "request = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n");
        return script;
    }

    private static String wrk(Path script, int port) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + CONCURRENCY, "-d" + WINDOW.toSeconds() + "s",
                "--latency", "-s", script.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return output;
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long socketErrors(String wrk) {
        Matcher m = SOCKET_ERRORS.matcher(wrk);
        long sum = 0;
        while (m.find()) {
            for (int g = 1; g <= 4; g++) {
                sum += Long.parseLong(m.group(g));
            }
        }
        return sum;
    }

    private static double p99Ms(String wrk) {
        Matcher m = P99.matcher(wrk);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /**
     * Heap in use right after a full GC: {@code jcmd PID GC.run} then {@code GC.heap_info}, through the attach API
     * (Hawtio's Jolokia would deploy the console, which the soak leaves alone until its last window).
     */
    static final class Heap implements AutoCloseable {
        private static final Pattern USED = Pattern.compile(
                "(?m)^\\s*(?:def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)"
                        + "\\s+total \\d+K, used (\\d+)K");
        private final VirtualMachine vm;
        private final java.lang.reflect.Method executeJCmd;

        /** Needs {@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED} (bench/soak.sh gives it). */
        Heap(long pid) throws Exception {
            vm = VirtualMachine.attach(String.valueOf(pid));
            executeJCmd = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("executeJCmd",
                    String.class);
        }

        double afterFullGcMb() throws Exception {
            jcmd("GC.run");
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            long kb = 0;
            while (m.find()) {
                kb += Long.parseLong(m.group(1));
            }
            return kb / 1024.0;
        }

        private String jcmd(String command) throws Exception {
            try (var out = (java.io.InputStream) executeJCmd.invoke(vm, command)) {
                return new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            vm.detach();
        }
    }

    /** What /metrics says: failed lookups, GC seconds, and the downstream queue. */
    record Scrape(long failedLookups, double gcSeconds, double queueDepth, double pagedBytes) {}

    private static Scrape scrape(HttpClient http, int port) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long failed = 0;
        double gc = 0;
        double depth = 0;
        double paged = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.contains(" ")) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("glance_lookups_total{") && !line.contains("outcome=\"ok\"")) {
                failed += (long) value;
            } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                gc += value;
            } else if (line.startsWith("glance_broker_queue_messages{") && line.contains(DOWNSTREAM)) {
                depth = value;
            } else if (line.startsWith("glance_broker_queue_paged_bytes{") && line.contains(DOWNSTREAM)) {
                paged = value;
            }
        }
        return new Scrape(failed, gc, depth, paged);
    }

    private static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Reads the downstream queue at full speed, as a consumer that keeps up would. */
    static final class Drainer implements AutoCloseable {
        private final Connection connection;
        final AtomicLong received = new AtomicLong();

        Drainer(String url) throws Exception {
            connection = new ActiveMQConnectionFactory(url).createConnection();
            for (int i = 0; i < 2; i++) {
                Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(DOWNSTREAM));
                consumer.setMessageListener(message -> received.incrementAndGet());
            }
            connection.start();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /**
     * The end of the JIT's warm-up: the end of the window before the first one that reaches 90% of the median of
     * the run's second half (where the figure has stopped climbing; later dips count against stability).
     */
    static double warmupEnd(List<Window> windows) {
        List<Window> load = windows.stream().filter(w -> !w.hawtio).toList();
        if (load.isEmpty()) {
            return 0;
        }
        double settled = median(load.subList(load.size() / 2, load.size()));
        int first = 0;
        while (first < load.size() - 1 && load.get(first).perSecond < 0.9 * settled) {
            first++;
        }
        return first == 0 ? 0 : load.get(first - 1).endSeconds;
    }

    private static double median(List<Window> windows) {
        double[] rates = windows.stream().mapToDouble(Window::perSecond).sorted().toArray();
        return rates.length == 0 ? 0 : rates[rates.length / 2];
    }

    private static String report(List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Soak run of %s (`bash bench/soak.sh`): the shipped jar with the README's"
                + " command (`java %s -jar target/glance-lookup.jar`: demo Glance, embedded broker, H2 file, Hawtio"
                + " on), wrk with %d connections on `GET /images/{uuid}` for %d s windows; at each window's end a"
                + " full GC (`jcmd GC.run`) measures the heap. The last window opens the Hawtio console first"
                + " (it deploys on its first visit).%n%nMachine: %s.%n", LocalDate.now(),
                SERVICE_OPTS, CONCURRENCY, WINDOW.toSeconds(), LookupBench.machine()));
        StringBuilder targets = new StringBuilder(String.format(Locale.ROOT,
                "%n| target | run | goal | measured | met |%n|---|---|---|---|---|%n"));
        for (Run run : runs) {
            double warmup = warmupEnd(run.windows);
            md.append(String.format(Locale.ROOT, "%n**%s** (%s): ready after %.2f s; the JIT's warm-up ends after"
                    + " %.0f s (the next window is the first at 90%% of the second half's median)%s.%n%n", run.name,
                    run.name.equals("drained") ? "a consumer reads the downstream queue at full speed"
                            : "nobody reads the downstream queue", run.startToReadySeconds, warmup,
                    run.name.equals("drained") ? String.format(Locale.ROOT, "; %d copies read", run.drained) : ""));
            md.append("| until s | lookups/s | p99 ms | errors | heap after GC MB | GC % | RSS MB | queue depth"
                    + " | paged MB |\n|---|---|---|---|---|---|---|---|---|\n");
            for (Window w : run.windows) {
                md.append(String.format(Locale.ROOT, "| %.0f%s | %.0f | %.1f | %d | %.1f | %.1f | %.0f | %d | %.1f |%n",
                        w.endSeconds, w.hawtio ? " (Hawtio open)" : w.endSeconds <= warmup ? " (warm-up)" : "",
                        w.perSecond, w.p99Ms, w.errors, w.heapAfterGcMb, w.gcPercent, w.rssMb, w.queueDepth,
                        w.pagedMb));
            }
            List<Window> steady = run.windows.stream().filter(w -> !w.hawtio && w.endSeconds > warmup).toList();
            double median = median(steady);
            double slowest = steady.stream().mapToDouble(Window::perSecond).min().orElse(0);
            double ratio = median == 0 ? 0 : slowest / median;
            double rss = run.windows.stream().filter(w -> !w.hawtio).mapToDouble(Window::rssMb).max().orElse(0);
            double rssHawtio = run.windows.stream().filter(Window::hawtio).mapToDouble(Window::rssMb).max().orElse(0);
            long errors = run.windows.stream().mapToLong(Window::errors).sum();
            targets.append(String.format(Locale.ROOT, "| slowest window / median, after the warm-up | %s | >= 0.8 |"
                    + " %.2f (%.0f / %.0f lookups/s) | %s |%n", run.name, ratio, slowest, median,
                    ratio >= 0.8 ? "yes" : "no"));
            targets.append(String.format(Locale.ROOT, "| highest RSS | %s | <= 300 MB | %.0f MB | %s |%n", run.name,
                    rss, rss <= 300 ? "yes" : "no"));
            targets.append(String.format(Locale.ROOT, "| RSS with the Hawtio console open | %s | <= 300 MB | %.0f MB"
                    + " | %s |%n", run.name, rssHawtio, rssHawtio <= 300 ? "yes" : "no"));
            targets.append(String.format(Locale.ROOT, "| errors | %s | 0 | %d | %s |%n", run.name, errors,
                    errors == 0 ? "yes" : "no"));
        }
        return md.append(targets).toString();
    }
}
