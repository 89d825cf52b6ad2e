package org.glancelookup.glance;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.glancelookup.lookup.LookupFailure;

/**
 * The first step of the HTTP client's chain for every Glance request: the whole answer within the read timeout
 * (a server that never answers, or trickles its bytes, is cut off: one timer thread closes its connection), at
 * most glance.max-response-bytes of body (counted while it arrives; a larger one is refused and its connection
 * dropped, never drained), and every failure classified where it happens: a retryable {@link GlanceAttemptFailed}
 * or, for a body over the cap, InvalidGlanceResponse (a bigger body is not an unavailable server).
 */
public final class AnswerLimits implements ExecChainHandler, AutoCloseable {
    private final Duration readTimeout;
    private final long maxBodyBytes;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, work -> {
        Thread thread = new Thread(work, "glance-read-timeout");
        thread.setDaemon(true);
        return thread;
    });

    public AnswerLimits(Duration readTimeout, long maxBodyBytes) {
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws GlanceAttemptFailed {
        Attempt attempt = new Attempt(scope.execRuntime, scope.originalRequest, scope.route.getTargetHost().toURI());
        attempt.cutOff = timer.schedule(attempt::expire, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (Exception e) {
            attempt.done();
            throw attempt.failure(e);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            attempt.done();
        } else if (entity.getContentLength() > maxBodyBytes) {
            attempt.abort();
            throw attempt.tooLarge();
        } else {
            response.setEntity(new LimitedEntity(entity, attempt));
        }
        return response;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request's deadline and byte count. */
    private final class Attempt {
        private final ExecRuntime runtime;
        private final Object request;
        private final String server;
        private final AtomicBoolean expired = new AtomicBoolean();
        private volatile ScheduledFuture<?> cutOff;
        private long bodyBytes;

        Attempt(ExecRuntime runtime, Object request, String server) {
            this.runtime = runtime;
            this.request = request;
            this.server = server;
        }

        void expire() {
            expired.set(true);
            // cancelling the request also ends a wait for a pooled connection; discarding the connection makes a
            // blocked read fail at once
            if (request instanceof Cancellable cancellable) {
                cancellable.cancel();
            }
            runtime.discardEndpoint();
        }

        void done() {
            cutOff.cancel(false);
        }

        void abort() {
            done();
            runtime.discardEndpoint();
        }

        void count(long n) {
            bodyBytes += n;
            if (bodyBytes > maxBodyBytes) {
                abort();
                throw tooLarge();
            }
        }

        LookupFailure tooLarge() {
            return LookupFailure.invalidResponse("Glance server " + server + " sent an invalid answer: the answer is"
                    + " larger than glance.max-response-bytes (" + maxBodyBytes + " bytes)");
        }

        GlanceAttemptFailed failure(Exception e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                return new GlanceAttemptFailed("no complete answer within " + readTimeout.toMillis()
                        + " ms (read timeout)", e);
            }
            return GlanceAttemptFailed.of(e);
        }
    }

    /** The body, counted and under the deadline while it is read. */
    private static final class LimitedEntity extends HttpEntityWrapper {
        private final Attempt attempt;
        private InputStream content;

        LimitedEntity(HttpEntity entity, Attempt attempt) {
            super(entity);
            this.attempt = attempt;
        }

        @Override
        public InputStream getContent() throws IOException {
            if (content == null) {
                content = new LimitedStream(super.getContent(), attempt);
            }
            return content;
        }
    }

    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private final Attempt attempt;
        private boolean ended;

        LimitedStream(InputStream in, Attempt attempt) {
            this.in = in;
            this.attempt = attempt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                attempt.abort();
                throw attempt.failure(e);
            }
            if (n == -1) {
                ended = true;
                attempt.done();
            } else {
                attempt.count(n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            if (ended) {
                attempt.done();
            } else {
                attempt.abort(); // closing HttpClient's stream would read the rest of the body, uncapped
            }
            in.close();
        }
    }
}
