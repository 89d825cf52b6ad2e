package org.glancelookup.glance;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.glancelookup.lookup.LookupVariables;

/**
 * A per-server circuit breaker with a threshold of one: a server whose attempt just failed as unavailable (503,
 * connection or I/O error) is passed over for {@code glance.server-cool-down-ms}, so a dead server costs the
 * lookups almost nothing. When the cool-down ends, one attempt probes the server (the others keep passing it over
 * meanwhile): an answer closes the breaker, a failure starts another cool-down. 0 turns it off: plain round
 * robin, as Nova does.
 */
public final class ServerCoolDown {
    private static final int UNAVAILABLE = 503;

    private final long coolDownNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Long> coolUntil = new ConcurrentHashMap<>();

    public ServerCoolDown(Duration coolDown) {
        this(coolDown, System::nanoTime);
    }

    ServerCoolDown(Duration coolDown, LongSupplier nanoClock) {
        this.coolDownNanos = coolDown.toNanos();
        this.nanoClock = nanoClock;
    }

    public void failed(String server) {
        if (coolDownNanos > 0 && server != null) {
            coolUntil.put(server, nanoClock.getAsLong() + coolDownNanos);
        }
    }

    /** The route's step: the server of this attempt answered. */
    public void answeredWith(@Variable(LookupVariables.GLANCE_SERVER) String server, @Body GlanceResponse response) {
        answered(server, response.status());
    }

    /** The server answered (any status but 503): it is not cooling down. */
    public void answered(String server, int status) {
        if (status != UNAVAILABLE && !coolUntil.isEmpty()) {
            coolUntil.remove(server);
        }
    }

    /**
     * Whether to pass the server over now. The first caller after the cool-down gets {@code false} (the probe);
     * until the probe's outcome is known the server stays passed over for the others.
     */
    public boolean isCoolingDown(String server) {
        Long until = coolUntil.get(server);
        if (until == null) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (now - until < 0) {
            return true;
        }
        // the probe: whoever moves the deadline on goes; a probe that never reports back expires like a failure
        return !coolUntil.replace(server, until, now + coolDownNanos);
    }
}
