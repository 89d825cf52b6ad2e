package org.glancelookup.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Glance that misbehaves at the byte level, which no HTTP server library would: every request on loopback gets
 * the bytes its {@link Answer} writes (malformed headers, a trickle, a close half-way, nothing at all).
 */
public final class RawGlance implements AutoCloseable {
    /** Writes the answer to one request, given its request line (e.g. "GET /v2/images/x HTTP/1.1"). */
    public interface Answer {
        void write(String requestLine, Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Answer answer;

    public RawGlance(Answer answer) throws IOException {
        this.answer = answer;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.submit(this::accept);
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public RawGlance answer(Answer next) {
        this.answer = next;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    /** A whole answer in one write: status line, headers (as raw bytes), body. */
    public static Answer bytes(byte[] whole) {
        return (request, socket, out) -> {
            out.write(whole);
            out.flush();
        };
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String requestLine;
            while ((requestLine = readRequest(in)) != null) {
                requests.incrementAndGet();
                answer.write(requestLine, socket, socket.getOutputStream());
                if (socket.isClosed() || socket.isOutputShutdown()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client went away, or the answer closed the connection on purpose
        }
    }

    /** Reads one request head (GET/HEAD: no body): its request line, or null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.substring(0, head.indexOf("\r\n"));
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.shutdownNow();
    }
}
