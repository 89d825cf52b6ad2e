package org.glancelookup.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small Glance on loopback for the embedded defaults: {@code HEAD /v1/images/{id}} with {@code x-image-meta-*}
 * headers, {@code GET /v2/images/{id}} and {@code GET /v2/schemas/image}, from a list of v2-style images.
 */
public class DemoGlanceServer implements AutoCloseable {
    /** Fields that v1 sends as {@code x-image-meta-NAME}; everything else is a property. */
    private static final Set<String> V1_FIELDS = Set.of("id", "name", "size", "disk_format", "container_format",
            "checksum", "status", "min_ram", "min_disk", "owner", "created_at", "updated_at", "deleted_at",
            "protected");
    private static final Set<String> V1_SKIPPED = Set.of("visibility", "tags", "virtual_size", "os_hidden",
            "os_hash_algo", "os_hash_value", "self", "file", "schema", "locations", "direct_url", "stores");

    private final Map<String, Map<String, Object>> images = new LinkedHashMap<>();
    private final byte[] schema;
    private final ObjectMapper json;
    private final HttpServer server;
    private final ExecutorService executor;

    public DemoGlanceServer(List<Map<String, Object>> images, byte[] schema, ObjectMapper json, int port)
            throws IOException {
        images.forEach(image -> this.images.put(String.valueOf(image.get("id")), image));
        this.schema = schema;
        this.json = json;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-glance-" + port);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().add("x-openstack-request-id", "req-" + UUID.randomUUID());
            if (path.startsWith("/v1/images/") && method.equals("HEAD")) {
                Map<String, Object> image = images.get(path.substring("/v1/images/".length()));
                if (image == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                v1Headers(image).forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/v2/schemas/image") && method.equals("GET")) {
                send(exchange, 200, schema);
            } else if (path.startsWith("/v2/images/") && method.equals("GET")) {
                String id = path.substring("/v2/images/".length());
                Map<String, Object> image = images.get(id);
                if (image == null) {
                    send(exchange, 404, json.writeValueAsBytes(Map.of("code", 404, "title", "Not Found",
                            "message", "No image found with ID " + id)));
                    return;
                }
                send(exchange, 200, json.writeValueAsBytes(v2Body(image)));
            } else {
                exchange.sendResponseHeaders(method.equals("HEAD") ? 405 : 404, -1);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * The v1 headers of an image. Values go out as raw UTF-8 bytes, as Glance sends them (the JDK server writes
     * each char as one byte, so the value is handed over as its UTF-8 bytes in ISO-8859-1 chars).
     */
    public static Map<String, String> v1Headers(Map<String, Object> image) {
        Map<String, String> headers = new LinkedHashMap<>();
        image.forEach((key, value) -> {
            if (value == null || V1_SKIPPED.contains(key)) {
                return;
            }
            String name = V1_FIELDS.contains(key) ? "x-image-meta-" + key : "x-image-meta-property-" + key;
            headers.put(name, wire(value instanceof Boolean b ? (b ? "True" : "False") : value.toString()));
        });
        headers.put("x-image-meta-is_public", "public".equals(image.get("visibility")) ? "True" : "False");
        headers.put("x-image-meta-deleted", "False");
        return headers;
    }

    /** The v2 body of an image: the image plus the links Glance adds. */
    public static Map<String, Object> v2Body(Map<String, Object> image) {
        Map<String, Object> body = new LinkedHashMap<>(image);
        String id = String.valueOf(image.get("id"));
        body.put("self", "/v2/images/" + id);
        body.put("file", "/v2/images/" + id + "/file");
        body.put("schema", "/v2/schemas/image");
        return body;
    }

    private static String wire(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
