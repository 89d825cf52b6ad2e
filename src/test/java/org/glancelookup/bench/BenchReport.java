package org.glancelookup.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.glancelookup.bench.LookupBench.ProcessFigures;
import org.glancelookup.bench.LookupBench.Result;
import org.glancelookup.bench.LookupBench.WarmUp;

/** The benchmark's results.md: the figures per mode and concurrency, and the targets as ratios. */
final class BenchReport {
    private BenchReport() {
    }

    static String markdown(List<Result> results, List<WarmUp> warmUps, double processorsPerLookup,
            ProcessFigures process, String apiVersion, String machine) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append(". Glance API v").append(apiVersion)
                .append(" on a loopback stand-in in the same process; every mode in one run, one after the other,\n"
                + "each measured once its figure has stopped moving (warm-up table); first-10s is a new instance of the"
                + " shipped jar (the README's command) on the same stand-in, its first 10 s after ready.\n\n");
        md.append("| mode | concurrency | lookups/s | p50 ms | p99 ms | x baseline |\n|---|---|---|---|---|---|\n");
        for (Result r : results) {
            OptionalDouble base = rate(results, "baseline", r.concurrency());
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %s |%n", r.mode(),
                    r.concurrency(), r.perSecond(), r.p50Ms(), r.p99Ms(),
                    base.isPresent() ? String.format(Locale.ROOT, "%.2f", r.perSecond() / base.getAsDouble()) : "-"));
        }
        if (!warmUps.isEmpty()) {
            md.append("\n| mode | warm-up to steady state | lookups/s per window on the way |\n|---|---|---|\n");
            for (WarmUp w : warmUps) {
                md.append(String.format(Locale.ROOT, "| %s | %d s%s | %s |%n", w.mode(), w.time().toSeconds(),
                        w.settled() ? "" : " (not settled)", String.join(", ", w.windows().stream()
                                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList())));
            }
        }
        if (processorsPerLookup > 0) {
            md.append(String.format(Locale.ROOT, "%nA direct lookup of an image passes through %.1f processor steps"
                    + " (every step's JMX exchange count over the lookups).%n", processorsPerLookup));
        }
        md.append("\n| target | goal | measured | met |\n|---|---|---|---|\n");
        ratio(md, results, "direct / baseline (c16)", "direct", "baseline", 16, 0.8);
        ratio(md, results, "http / baseline (c16)", "http", "baseline", 16, 0.6);
        ratio(md, results, "jms / direct (c16)", "jms", "direct", 16, 0.5);
        ratio(md, results, "direct / nova (c16)", "direct", "nova", 16, 10);
        ratio(md, results, "direct / nova (c1)", "direct", "nova", 1, 3);
        ratio(md, results, "a new instance's first 10 s after ready (http) / nova (c16)", "first-10s", "nova", 16, 2);
        ratio(md, results, "one of three servers down / all three up (c16)", "direct-1-down", "direct-3-up", 16, 0.9);
        ratio(md, results, "cached / uncached (direct, c16)", "direct-cached", "direct", 16, 20);
        ratio(md, results, "the service's own token and the catalog / noauth (c16)", "direct-service-token",
                "direct-noauth", 16, 0.9);
        ratio(md, results, "the service's own token and the catalog / noauth (c1)", "direct-service-token",
                "direct-noauth", 1, 0.9);
        for (int concurrency : new int[] {1, 16}) {
            OptionalDouble token = rate(results, "direct-service-token", concurrency);
            OptionalDouble none = rate(results, "direct-noauth", concurrency);
            if (token.isPresent() && none.isPresent()) {
                md.append(String.format(Locale.ROOT, "| added cost per lookup of the service's cached token (c%d)"
                        + " | - | %+.1f µs | - |%n", concurrency,
                        1e6 / token.getAsDouble() - 1e6 / none.getAsDouble()));
            }
        }
        if (process != null) {
            md.append(String.format(Locale.ROOT, "| RSS of the shipped service with Hawtio on, after %d HTTP lookups |"
                    + " <= 300 MB | %.0f MB (peak %.0f MB) | %s |%n", process.lookups(), process.rssKb() / 1024.0,
                    process.peakRssKb() / 1024.0, process.peakRssKb() <= 300 * 1024 ? "yes" : "no"));
            md.append(String.format(Locale.ROOT, "| start-to-ready (java -jar to /health/ready 200), median of %d"
                    + " launches | <= 4 s | %.2f s (%s) | %s |%n", process.startsToReady().size(),
                    process.startToReadySeconds(), String.join(", ", process.startsToReady().stream()
                            .map(t -> String.format(Locale.ROOT, "%.2f", t)).toList()),
                    process.startToReadySeconds() <= 4 ? "yes" : "no"));
        }
        return md.toString();
    }

    private static void ratio(StringBuilder md, List<Result> results, String name, String mode, String over,
            int concurrency, double goal) {
        OptionalDouble top = rate(results, mode, concurrency);
        OptionalDouble bottom = rate(results, over, concurrency);
        if (top.isEmpty() || bottom.isEmpty()) {
            return;
        }
        double measured = top.getAsDouble() / bottom.getAsDouble();
        md.append(String.format(Locale.ROOT, "| %s | >= %s | %.2f | %s |%n", name, goal >= 1 ? String.format(
                Locale.ROOT, "%.0f", goal) : String.valueOf(goal), measured, measured >= goal ? "yes" : "no"));
    }

    static OptionalDouble rate(List<Result> results, String mode, int concurrency) {
        return results.stream().filter(r -> r.mode().equals(mode) && r.concurrency() == concurrency)
                .mapToDouble(Result::perSecond).findFirst();
    }
}
