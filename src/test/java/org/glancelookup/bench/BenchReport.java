package org.glancelookup.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.glancelookup.bench.LookupBench.ProcessFigures;
import org.glancelookup.bench.LookupBench.Result;

/** The benchmark's results.md: the figures per mode and concurrency, and the targets as ratios. */
final class BenchReport {
    private BenchReport() {
    }

    static String markdown(List<Result> results, ProcessFigures process, String apiVersion, String machine) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append(". Glance API v").append(apiVersion)
                .append(" on a loopback stand-in in the same process; every mode in one run, one after the other.\n\n");
        md.append("| mode | concurrency | lookups/s | p50 ms | p99 ms | x baseline |\n|---|---|---|---|---|---|\n");
        for (Result r : results) {
            OptionalDouble base = rate(results, "baseline", r.concurrency());
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %s |%n", r.mode(),
                    r.concurrency(), r.perSecond(), r.p50Ms(), r.p99Ms(),
                    base.isPresent() ? String.format(Locale.ROOT, "%.2f", r.perSecond() / base.getAsDouble()) : "-"));
        }
        md.append("\n| target (concurrency 16) | goal | measured | met |\n|---|---|---|---|\n");
        ratio(md, results, "direct / baseline", "direct", "baseline", 0.8);
        ratio(md, results, "jms / direct", "jms", "direct", 0.5);
        ratio(md, results, "direct / nova", "direct", "nova", 25);
        ratio(md, results, "one of three servers down / all three up", "direct-1-down", "direct-3-up", 0.9);
        ratio(md, results, "cached / uncached (direct)", "direct-cached", "direct", 20);
        if (process != null) {
            md.append(String.format(Locale.ROOT, "| RSS of the shipped service with Hawtio on, after %d HTTP lookups |"
                    + " <= 300 MB | %.0f MB (peak %.0f MB) | %s |%n", process.lookups(), process.rssKb() / 1024.0,
                    process.peakRssKb() / 1024.0, process.peakRssKb() <= 300 * 1024 ? "yes" : "no"));
            md.append(String.format(Locale.ROOT, "| start-to-ready (java -jar to /health/ready 200) | <= 4 s | %.2f s |"
                    + " %s |%n", process.startToReadySeconds(), process.startToReadySeconds() <= 4 ? "yes" : "no"));
        }
        return md.toString();
    }

    private static void ratio(StringBuilder md, List<Result> results, String name, String mode, String over,
            double goal) {
        OptionalDouble top = rate(results, mode, 16);
        OptionalDouble bottom = rate(results, over, 16);
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
