package org.glancelookup.messaging;

import jakarta.jms.JMSException;

/**
 * The broker did not take a message: its address is full (the embedded broker's page limit, an external broker's
 * FAIL policy), it did not take it within {@code broker.send-timeout-ms} (an address that blocks producers, a full
 * disk, a fail-over), or the send failed otherwise. A lookup whose answer could not be stored is answered
 * ServiceBusy (a queued one rolls back instead), so no answer is ever dropped silently.
 */
public class SendRefused extends JMSException {
    /** Why, as the label of the metric glance_broker_sends_refused_total. */
    public enum Reason { full, timeout, failed }

    private final Reason reason;

    public SendRefused(Reason reason, String message, Throwable cause) {
        super(message);
        this.reason = reason;
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }
}
