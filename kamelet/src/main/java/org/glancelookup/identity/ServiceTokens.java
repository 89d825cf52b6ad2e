package org.glancelookup.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.glancelookup.lookup.LookupError;
import org.glancelookup.lookup.LookupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's token, shared by every lookup: asked for once, asked for again after three quarters of its life
 * by the one lookup that finds it due (the others keep sending the old one meanwhile), and asked for again at
 * once when Glance refused it. Only lookups that find no usable token wait, all for the same Keystone answer, so
 * an expiry under load is one request to Keystone, not one per lookup.
 */
public class ServiceTokens {
    private static final Logger LOG = LoggerFactory.getLogger("org.glancelookup.identity");
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Supplier<ServiceToken> keystone;
    private final String authUrl;
    private final Clock clock;
    private final Duration maxWait;
    private final Listener listener;
    private final AtomicLong nextRejectedLog = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextUnavailableLog = new AtomicLong(Long.MIN_VALUE);
    private volatile ServiceToken current;
    private CompletableFuture<ServiceToken> asking; // guarded by this

    /** Told of every token request's outcome (the service counts them). */
    public interface Listener {
        Listener NONE = outcome -> { };

        /** {@code outcome}: ok, or the error name. */
        void tokenRequested(String outcome);
    }

    /**
     * @param keystone one token request (KeystoneClient#issue)
     * @param maxWait  how long a lookup waits for another's token request
     */
    public ServiceTokens(Supplier<ServiceToken> keystone, String authUrl, Clock clock, Duration maxWait,
            Listener listener) {
        this.keystone = keystone;
        this.authUrl = authUrl;
        this.clock = clock;
        this.maxWait = maxWait;
        this.listener = listener;
    }

    /** A usable token: the current one, or a new one. LookupFailure IdentityUnavailable/IdentityRejected. */
    public ServiceToken token() {
        ServiceToken token = current;
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.renewAt())) {
            return token;
        }
        CompletableFuture<ServiceToken> answer;
        boolean asker = false;
        synchronized (this) {
            token = current;
            if (token != null && now.isBefore(token.renewAt())) {
                return token;
            }
            if (asking == null) {
                asking = new CompletableFuture<>();
                asker = true;
            }
            answer = asking;
        }
        boolean usable = token != null && now.isBefore(token.usableUntil());
        if (asker) {
            ask(answer);
        } else if (usable) {
            return token; // another lookup is asking; this one still has a good token
        }
        try {
            return answer.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (usable) {
                return token; // Keystone failed us, but the old token has some life left
            }
            throw e.getCause() instanceof LookupFailure failure ? failure
                    : LookupFailure.identityUnavailable(authUrl, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw LookupFailure.identityUnavailable(authUrl, "no token within " + maxWait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LookupFailure.identityUnavailable(authUrl, "interrupted");
        }
    }

    /** Glance refused this token (401): unless another lookup has replaced it already, it is not used again. */
    public void rejected(ServiceToken token) {
        synchronized (this) {
            if (current == token) {
                current = null;
            }
        }
    }

    private void ask(CompletableFuture<ServiceToken> answer) {
        try {
            ServiceToken fresh = keystone.get();
            current = fresh;
            listener.tokenRequested("ok");
            answer.complete(fresh);
        } catch (LookupFailure failure) {
            listener.tokenRequested(failure.error().name());
            logRefusal(failure);
            answer.completeExceptionally(failure);
        } catch (RuntimeException e) {
            listener.tokenRequested(LookupError.IdentityUnavailable.name());
            answer.completeExceptionally(LookupFailure.identityUnavailable(authUrl, e.getClass().getSimpleName()));
        } finally {
            synchronized (this) {
                asking = null;
            }
        }
    }

    /** Refused credentials need an operator: ERROR; Keystone being away: WARN; each at most once a minute. */
    private void logRefusal(LookupFailure failure) {
        boolean rejected = failure.error() == LookupError.IdentityRejected;
        AtomicLong nextLog = rejected ? nextRejectedLog : nextUnavailableLog;
        long now = System.nanoTime();
        long next = nextLog.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextLog.compareAndSet(next, now + LOG_EVERY_NANOS)) {
            if (rejected) {
                LOG.error("{}", failure.getMessage());
            } else {
                LOG.warn("{}", failure.getMessage());
            }
        }
    }
}
