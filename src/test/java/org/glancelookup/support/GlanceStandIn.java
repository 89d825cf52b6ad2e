package org.glancelookup.support;

import static org.glancelookup.support.TestJson.JSON;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancelookup.demo.DemoGlanceServer;

/**
 * A Glance stand-in on a random loopback port for tests: serves v1 HEAD, v2 GET and the schema like the demo
 * Glance, records every request, and can be told to answer a status, raw v1 headers or a raw v2 body instead.
 */
public final class GlanceStandIn implements AutoCloseable {
    private static final byte[] SCHEMA = schema();
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    /** One request as received; {@code seq} orders requests across all stand-ins of the JVM. */
    public record Request(long seq, String server, String method, String path, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final String name;
    private final String scheme;
    private final HttpServer server;
    private final Map<String, Map<String, Object>> images = new ConcurrentHashMap<>();
    private final Map<String, List<String[]>> rawV1 = new ConcurrentHashMap<>();
    private final Map<String, String> rawV2 = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger schemaRequests = new AtomicInteger();
    private volatile boolean recording = true;
    private volatile int forcedStatus;
    private volatile long latencyMs;
    private final java.util.concurrent.ScheduledExecutorService later =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    private volatile java.util.concurrent.CountDownLatch gate;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Integer> statusForId = new ConcurrentHashMap<>();

    public GlanceStandIn(String name) throws IOException {
        this(name, null);
    }

    /** Over HTTPS with this server certificate (null: plain HTTP). */
    public GlanceStandIn(String name, javax.net.ssl.SSLContext tls) throws IOException {
        this.name = name;
        this.scheme = tls == null ? "http" : "https";
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            this.server = HttpServer.create(loopback, 64);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(loopback, 64);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            this.server = https;
        }
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::handle);
        server.start();
    }

    public String name() {
        return name;
    }

    public String url() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public GlanceStandIn image(Map<String, Object> image) {
        images.put(String.valueOf(image.get("id")), image);
        return this;
    }

    /** v1: answer HEAD for this id with exactly these headers (name, value as Java chars; sent as UTF-8). */
    public GlanceStandIn rawV1(String id, List<String[]> headers) {
        rawV1.put(id, headers);
        return this;
    }

    /** v2: answer GET for this id with exactly this body. */
    public GlanceStandIn rawV2(String id, String body) {
        rawV2.put(id, body);
        return this;
    }

    /** Every request gets this status from now on (0 = behave). */
    public GlanceStandIn answerAll(int status) {
        this.forcedStatus = status;
        return this;
    }

    /** Answers this status (no body) for the image from now on; 0 = answer it normally again. */
    public GlanceStandIn answer(String id, int status) {
        if (status == 0) {
            statusForId.remove(id);
            return this;
        }
        statusForId.put(id, status);
        return this;
    }

    /** Every answer is sent this long after its request arrives (a busy Glance), without blocking a thread. */
    public GlanceStandIn latency(long ms) {
        this.latencyMs = ms;
        return this;
    }

    /** Stops keeping the requests received (a benchmark sends millions). */
    public GlanceStandIn forgetRequests() {
        recording = false;
        requests.clear();
        return this;
    }

    /** From now on, image requests wait (in flight) until {@link #release()}. */
    public GlanceStandIn hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    public GlanceStandIn release() {
        java.util.concurrent.CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
        return this;
    }

    /** Image requests waiting at the gate right now. */
    public int waiting() {
        return waiting.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests for images (schema requests left out). */
    public List<Request> imageRequests() {
        return requests.stream().filter(r -> r.path().contains("/images/")).toList();
    }

    public int schemaRequests() {
        return schemaRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        later.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (recording) {
            requests.add(new Request(SEQUENCE.incrementAndGet(), name, method, path,
                    Map.copyOf(exchange.getRequestHeaders())));
        }
        long latency = latencyMs;
        if (latency > 0) {
            later.schedule(() -> {
                try {
                    respond(exchange, method, path);
                } catch (IOException ignored) {
                    // the client went away
                }
            }, latency, java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        respond(exchange, method, path);
    }

    private void respond(HttpExchange exchange, String method, String path) throws IOException {
        try (exchange) {
            java.util.concurrent.CountDownLatch held = gate;
            if (held != null && path.contains("/images/")) {
                waiting.incrementAndGet();
                try {
                    held.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.decrementAndGet();
                }
            }
            exchange.getResponseHeaders().add("x-openstack-request-id", "req-" + name + "-" + requests.size());
            if (forcedStatus != 0) {
                exchange.sendResponseHeaders(forcedStatus, -1);
                return;
            }
            String id = path.substring(path.lastIndexOf('/') + 1);
            if (statusForId.containsKey(id)) {
                exchange.sendResponseHeaders(statusForId.get(id), -1);
                return;
            }
            if (path.equals("/v2/schemas/image")) {
                schemaRequests.incrementAndGet();
                send(exchange, 200, SCHEMA);
                return;
            }
            if (path.startsWith("/v1/images/") && method.equals("HEAD")) {
                List<String[]> raw = rawV1.get(id);
                if (raw != null) {
                    raw.forEach(h -> exchange.getResponseHeaders().add(h[0], wire(h[1])));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                Map<String, Object> image = images.get(id);
                if (image == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                DemoGlanceServer.v1Headers(image).forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (path.startsWith("/v2/images/") && method.equals("GET")) {
                if (rawV2.containsKey(id)) {
                    send(exchange, 200, rawV2.get(id).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                Map<String, Object> image = images.get(id);
                if (image == null) {
                    send(exchange, 404, "{\"message\": \"not found\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, JSON.writeValueAsBytes(DemoGlanceServer.v2Body(image)));
                return;
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String wire(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static byte[] schema() {
        try (InputStream in = GlanceStandIn.class.getResourceAsStream("/vectors/schema-image.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
