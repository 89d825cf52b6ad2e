package org.glancelookup.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.glancelookup.glance.ServerCoolDown;
import org.glancelookup.lookup.LookupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's log line for a failed attempt: one WARN per attempt, naming the server, the method and whether another
 * attempt follows. Used as the redelivery policy's onRedelivery hook ("retrying") and when retries are exhausted
 * ("done trying"), which also turns the last failure into GlanceConnectionFailed. Either way the server that
 * failed starts its cool-down.
 */
public class GlanceRetryLog implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger("org.glancelookup.glance");
    public static final String SERVER = "glanceServer";

    private final LookupMetrics metrics;
    private final ServerCoolDown coolDown;

    public GlanceRetryLog(LookupMetrics metrics, ServerCoolDown coolDown) {
        this.metrics = metrics;
        this.coolDown = coolDown;
    }

    @Override
    public void process(Exchange exchange) {
        // before a redelivery Camel has moved the failure to the "caught" property
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String server = exchange.getVariable(SERVER, String.class);
        metrics.failed(server, true);
        coolDown.failed(server);
        log(server, failure, "retrying");
    }

    /** The last attempt failed too: log it and name the failure. */
    public LookupFailure doneTrying(String server, Throwable failure) {
        metrics.failed(server, false);
        coolDown.failed(server);
        log(server, failure, "done trying");
        return LookupFailure.connectionFailed(server, reason(failure));
    }

    private static void log(String server, Throwable failure, String extra) {
        LOG.warn("Error contacting glance server '{}' for 'get', {}: {}", server, extra, reason(failure));
    }

    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
