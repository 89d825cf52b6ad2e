package org.glancelookup.glance;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * The HTTP client's only retry: a GET or HEAD sent on a pooled keep-alive connection that the server closed in the
 * meantime gets no answer at all ({@link NoHttpResponseException}); it is sent once more on a new connection, as
 * the JDK client did. Nova never meets this (a new connection per call). Everything else, 503 included, is one
 * attempt, retried by the routes on the next server. The retry runs inside {@link AnswerLimits}: the read timeout
 * covers both.
 */
public final class StaleConnectionRetry implements HttpRequestRetryStrategy {

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        String method = request.getMethod();
        return execCount == 1 && exception instanceof NoHttpResponseException
                && ("GET".equals(method) || "HEAD".equals(method));
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
