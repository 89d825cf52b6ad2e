package org.glancelookup.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.apache.camel.Variable;
import org.glancelookup.lookup.LookupVariables;
import org.glancelookup.step.GlanceAttemptListener;

/**
 * The service's Prometheus metrics (served at /metrics): lookups by outcome and their latency, and attempts,
 * failures and retries per Glance server, sends the broker refused, and the JVM's heap (the embedded broker's
 * queues are BrokerGauges', on this registry). Labels never hold a token or any caller input other than the outcome.
 */
public class LookupMetrics implements AutoCloseable, GlanceAttemptListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // meters are built once per label set, not per lookup
    private final Map<String, Counter> lookups = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusedSends = new ConcurrentHashMap<>();
    private final Map<String, Counter> tokenRequests = new ConcurrentHashMap<>();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public LookupMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry); // jvm_gc_live_data_size_bytes: the old generation after a major collection
    }

    @Override
    public void close() {
        gcMetrics.close();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A gauge of the HTTP lookups being answered now (the ones refused count as outcome ServiceBusy). */
    public void watchHttpInFlight(IntSupplier inFlight) {
        // the supplier form holds its function strongly (a state object's gauge holds it weakly)
        Gauge.builder("glance.http.lookups.in.flight", inFlight::getAsInt)
                .description("HTTP lookups being answered now (at most lookup.http.max-in-flight)").register(registry);
    }

    /** The broker did not take a message (SendRefused): the lookup was answered ServiceBusy or rolled back. */
    public void sendRefused(String reason) {
        refusedSends.computeIfAbsent(reason, r -> Counter.builder("glance.broker.sends.refused")
                .description("Sends the broker did not take (full, timeout, failed); their lookups got ServiceBusy"
                        + " or were rolled back").tag("reason", r).register(registry)).increment();
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

    /** The route's step: a lookup answered with its metadata. */
    public void ok(@Variable(LookupVariables.LOOKUP_STARTED) Long startedNanos) {
        finished("ok", startedNanos);
    }

    /** A Glance server answered an attempt; a 503 is counted as a failure instead (it is retried). */
    @Override
    public void answered(String server, int status) {
        if (status != 503) {
            attempt(server, "answered");
        }
    }

    /** An attempt on a Glance server failed (503, I/O, unusable endpoint). */
    @Override
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

    /** A request to Keystone for the service's own token (auth.strategy=service, keystone.service-token). */
    @Override
    public void tokenRequested(String outcome) {
        tokenRequests.computeIfAbsent(outcome, o -> Counter.builder("glance.identity.token.requests")
                .description("Requests to Keystone for the service's own token, by outcome (ok or the error name)")
                .tag("outcome", o).register(registry)).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
