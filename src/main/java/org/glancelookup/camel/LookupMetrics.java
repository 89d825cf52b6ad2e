package org.glancelookup.camel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's Prometheus metrics (served at /metrics): lookups by outcome and their latency, and attempts,
 * failures and retries per Glance server. Labels never hold a token or any caller input other than the outcome.
 */
public class LookupMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // meters are built once per label set, not per lookup
    private final Map<String, Counter> lookups = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A gauge of the HTTP lookups being answered now (the ones refused count as outcome ServiceBusy). */
    public void watch(InFlightLimit httpInFlight) {
        Gauge.builder("glance.http.lookups.in.flight", httpInFlight, InFlightLimit::inFlight)
                .description("HTTP lookups being answered now (at most lookup.http.max-in-flight)").register(registry);
    }

    public long now() {
        return System.nanoTime();
    }

    /** One lookup ended: {@code ok} or the SPEC section 5 error name. */
    public void finished(String outcome, Long startedNanos) {
        lookups.computeIfAbsent(outcome, o -> Counter.builder("glance.lookups")
                .description("Lookups by outcome (ok or the error name)").tag("outcome", o).register(registry))
                .increment();
        if (startedNanos != null) {
            durations.computeIfAbsent(outcome, o -> Timer.builder("glance.lookup.duration")
                    .description("Lookup latency, from request to answer").tag("outcome", o)
                    .publishPercentileHistogram().register(registry))
                    .record(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    /** A Glance server answered an attempt; a 503 is counted as a failure instead (it is retried). */
    public void answered(String server, int status) {
        if (status != 503) {
            attempt(server, "answered");
        }
    }

    /** An attempt on a Glance server failed (503, I/O, unusable endpoint). */
    public void failed(String server, boolean retrying) {
        attempt(server, "failed");
        if (retrying) {
            retries.computeIfAbsent(String.valueOf(server), s -> Counter.builder("glance.retries")
                    .description("Attempts retried on the next server after a failure").tag("server", s)
                    .register(registry)).increment();
        }
    }

    private void attempt(String server, String result) {
        attempts.computeIfAbsent(server + "\n" + result, key -> Counter.builder("glance.attempts")
                .description("Attempts per Glance server and result").tag("server", String.valueOf(server))
                .tag("result", result).register(registry)).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
