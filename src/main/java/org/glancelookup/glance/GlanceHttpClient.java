package org.glancelookup.glance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupRequest;

/**
 * The HTTP requests Nova's glanceclient makes, on one pooled keep-alive client. Response headers are kept exactly
 * as received (order, duplicates, each byte one ISO-8859-1 char), which the v1 header rules need.
 */
public class GlanceHttpClient {
    private final HttpClient client;
    private final Duration readTimeout;
    private final AuthStrategy auth;
    private final long maxResponseBytes;

    /**
     * @param threads the client's worker threads (the JDK's default would start a thread per concurrent task,
     *                without bound); daemon threads, so they never hold the JVM up
     */
    public GlanceHttpClient(Duration connectTimeout, Duration readTimeout, SSLContext tls, AuthStrategy auth,
            long maxResponseBytes, int threads) {
        AtomicInteger counter = new AtomicInteger();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(Executors.newFixedThreadPool(threads, work -> {
                    Thread thread = new Thread(work, "glance-http-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
        this.readTimeout = readTimeout;
        this.auth = auth;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The answer of one request; an I/O failure (refused, reset, timeout, unknown host) is a retryable failure. */
    public Response send(String server, String method, String path, LookupRequest request)
            throws GlanceAttemptFailed, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(readTimeout)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json")
                .header("User-Agent", "glance-lookup");
        if (request.requestIdGiven()) {
            http.header("X-OpenStack-Request-ID", request.requestId());
        }
        auth.identityHeaders(request.context()).forEach(header -> http.header(header.getKey(), header.getValue()));
        HttpResponse<byte[]> response = receive(http.build());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            // Python's HTTP client joins repeated headers with ", "
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, String.join(", ", values)));
        });
        return new Response(server, response.statusCode(), headers, response.body());
    }

    /**
     * The whole answer within the read timeout (a server that never answers, or trickles its bytes, is cut off
     * there) and within glance.max-response-bytes (a larger answer is refused, not retried: a bigger body is not
     * an unavailable server).
     */
    private HttpResponse<byte[]> receive(HttpRequest request) throws GlanceAttemptFailed, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request,
                CappedBody.handler(maxResponseBytes));
        try {
            return pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new GlanceAttemptFailed("no complete answer within " + readTimeout.toMillis()
                    + " ms (read timeout)");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof CappedBody.TooLarge tooLarge) {
                    throw LookupFailure.invalidResponse("Glance server " + request.uri().getScheme() + "://"
                            + request.uri().getAuthority() + " sent an invalid answer: " + tooLarge.getMessage());
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw GlanceAttemptFailed.of(io);
            }
            throw new GlanceAttemptFailed(e.getCause().getClass().getSimpleName(), e.getCause());
        }
    }

    /** One HTTP answer from one server. */
    public record Response(String server, int status, List<Map.Entry<String, String>> headers, byte[] body) {

        public String header(String name) {
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }
    }
}
