package org.glancelookup.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The service in a JVM of its own (the App main class on the test classpath), so a test can SIGKILL or SIGTERM it. */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final int httpPort;
    private final File log;

    private AppProcess(Process process, int httpPort, File log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts the service with these settings and waits until its HTTP front door answers. */
    public static AppProcess start(String name, Map<String, String> settings, Path logDir) throws IOException {
        AppProcess app = launch(name, settings, logDir);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> app.ready() || !app.process.isAlive());
        if (!app.process.isAlive()) {
            throw new IllegalStateException("the service " + name + " did not start; see " + app.log);
        }
        return app;
    }

    /** Starts the service with these settings and returns at once (its port is not open yet). */
    public static AppProcess launch(String name, Map<String, String> settings, Path logDir) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath));
        int port = Integer.parseInt(settings.getOrDefault("lookup.http.port", String.valueOf(FreePorts.next())));
        settings.put("lookup.http.port", String.valueOf(port));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("org.glancelookup.App");
        File log = logDir.resolve(name + ".log").toFile();
        log.getParentFile().mkdirs();
        java.nio.file.Files.writeString(log.toPath(), String.join(" ", command) + "\n");
        // its own working directory: data/ lands there, and the project's routes/ folder is not on its way
        Process process = new ProcessBuilder(command).directory(logDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        return new AppProcess(process, port, log);
    }

    public int httpPort() {
        return httpPort;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/images/not-an-id")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 400;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** SIGKILL. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for the graceful shutdown to finish. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public File log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
