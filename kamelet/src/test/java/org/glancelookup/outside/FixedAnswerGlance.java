package org.glancelookup.outside;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Glance server on loopback that answers every image request with one status and body, told by the test, and
 * the image schema as a real Glance does; it counts the image requests it got.
 */
final class FixedAnswerGlance implements AutoCloseable {
    private final HttpServer server;
    private final byte[] schema;
    private final AtomicInteger imageRequests = new AtomicInteger();
    private volatile int status = 503;
    private volatile byte[] body = new byte[0];

    FixedAnswerGlance() throws IOException {
        try (InputStream in = FixedAnswerGlance.class.getClassLoader().getResourceAsStream("demo/schema-image.json")) {
            schema = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FixedAnswerGlance answer(int status, String body) {
        this.status = status;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    int imageRequests() {
        return imageRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean isSchema = exchange.getRequestURI().getPath().equals("/v2/schemas/image");
        if (!isSchema) {
            imageRequests.incrementAndGet();
        }
        byte[] answer = isSchema ? schema : body;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(isSchema ? 200 : status, head || answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
