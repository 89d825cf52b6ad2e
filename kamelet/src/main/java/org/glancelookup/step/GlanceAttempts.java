package org.glancelookup.step;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Variable;
import org.glancelookup.glance.GlanceResponse;
import org.glancelookup.glance.ServerCoolDown;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of each Glance attempt. Nova's log line for a failed one: one WARN per attempt, naming the server,
 * the method and whether another attempt follows; used as the redelivery policy's onRedelivery hook ("retrying")
 * and when retries are exhausted ("done trying"), which also turns the last failure into GlanceConnectionFailed.
 * A server that failed starts its cool-down; the attempt listener (a host's metrics) hears of every attempt.
 */
public class GlanceAttempts implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger("org.glancelookup.glance");

    private final GlanceAttemptListener listener;
    private final ServerCoolDown coolDown;

    public GlanceAttempts(GlanceAttemptListener listener, ServerCoolDown coolDown) {
        this.listener = listener;
        this.coolDown = coolDown;
    }

    /** The route's step: the server of this attempt answered (a 503 fails the attempt right after). */
    public void answered(@Variable(LookupVariables.GLANCE_SERVER) String server, @Body GlanceResponse response) {
        listener.answered(server, response.status());
    }

    /** Before a redelivery: this attempt failed, the next one goes to the next server. */
    @Override
    public void process(Exchange exchange) {
        // before a redelivery Camel has moved the failure to the "caught" property
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String server = exchange.getVariable(LookupVariables.GLANCE_SERVER, String.class);
        listener.failed(server, true);
        coolDown.failed(server);
        log(server, failure, "retrying");
    }

    /** The last attempt failed too: log it and name the failure. */
    public LookupFailure doneTrying(String server, Throwable failure) {
        listener.failed(server, false);
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
