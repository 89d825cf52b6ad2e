package org.glancelookup.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A standalone ActiveMQ Artemis (scripts/artemis-broker.sh) in its own process on a random loopback port, which
 * a test can kill, stop and start again on the same journal.
 */
public final class StandaloneBroker implements AutoCloseable {
    public static final String USER = "glance";
    public static final String PASSWORD = "glance";

    private final Path instance;
    private final int port;
    private final Path log;
    private Process process;

    public StandaloneBroker(Path instance, int maxDeliveries, long redeliveryDelayMs) throws Exception {
        this.instance = instance.toAbsolutePath();
        this.port = FreePorts.next();
        this.log = this.instance.resolveSibling(this.instance.getFileName() + ".log");
        ProcessBuilder create = new ProcessBuilder("bash", "scripts/artemis-broker.sh", "create",
                this.instance.toString(), String.valueOf(port)).inheritIO();
        create.environment().put("MAX_DELIVERIES", String.valueOf(maxDeliveries));
        create.environment().put("REDELIVERY_DELAY_MS", String.valueOf(redeliveryDelayMs));
        create.environment().put("ARTEMIS_USER", USER);
        create.environment().put("ARTEMIS_PASSWORD", PASSWORD);
        Process creating = create.start();
        if (!creating.waitFor(120, TimeUnit.SECONDS) || creating.exitValue() != 0) {
            throw new IllegalStateException("could not create the Artemis instance " + instance);
        }
        start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public synchronized void start() throws IOException {
        process = new ProcessBuilder("bash", "scripts/artemis-broker.sh", "run", instance.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(this::listening);
    }

    /** SIGKILL: the broker dies without a word; the journal keeps what was persisted. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful stop. */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    public void restart() throws Exception {
        stop();
        start();
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public File logFile() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
