package org.glancelookup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.glancelookup.support.FreePorts;

/**
 * The shipped jar run as the README's command runs it: from the project root, {@code java OPTIONS -jar
 * target/glance-lookup.jar} (the class-data archive is only mapped for the class path spelled as when it was
 * written), on free ports and with its data in a directory of its own; ready once /health/ready answers 200.
 */
record ShippedJar(Process process, Path dir, int port, int hawtioPort, int brokerPort, double startToReady)
        implements AutoCloseable {
    /** The JVM options of the README's run command. */
    static final String README_OPTIONS = "-XX:+UseSerialGC -Xmx128m -XX:TrimNativeHeapInterval=10000"
            + " -XX:SharedArchiveFile=target/glance-lookup.jsa";
    static final String JAR = "target/glance-lookup.jar";

    /** Starts it with the given JVM options (space-separated) and further -D settings; waits until ready. */
    static ShippedJar start(String jvmOptions, List<String> settings) throws Exception {
        Path dir = Files.createTempDirectory("bench-service");
        int port = FreePorts.next();
        int hawtio = FreePorts.next();
        int broker = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(Arrays.stream(jvmOptions.split(" ")).filter(option -> !option.isBlank()).toList());
        command.addAll(settings);
        command.addAll(List.of("-Dlookup.http.port=" + port, "-Dhawtio.port=" + hawtio,
                "-Ddemo.ports=" + FreePorts.next() + "," + FreePorts.next(), "-Dbroker.embedded-port=" + broker,
                "-Dbroker.data-dir=" + dir.resolve("data/artemis"),
                "-Dmapping.jdbc-url=jdbc:h2:file:" + dir.resolve("data/mapping") + ";DB_CLOSE_ON_EXIT=FALSE",
                "-jar", JAR));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long launched = System.nanoTime();
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile()).start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        while (System.nanoTime() - launched < Duration.ofSeconds(90).toNanos() && service.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return new ShippedJar(service, dir, port, hawtio, broker, (System.nanoTime() - launched) / 1e9);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        service.destroy();
        throw new IllegalStateException("the shipped service did not get ready; see " + dir.resolve("service.log"));
    }

    /** The demo Glance's images that its lookups answer (public and active): what load on the demo asks for. */
    static List<String> answeredDemoImages() throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode image : new ObjectMapper().readTree(Path.of("config/demo-images.json").toFile())) {
            if (image.path("visibility").asText().equals("public") && image.path("status").asText().equals("active")) {
                ids.add(image.get("id").asText());
            }
        }
        return ids;
    }

    /** A lookup through the HTTP front door that fails unless the image is answered. */
    LookupBench.Lookup httpLookup() {
        HttpClient front = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return uuid -> LookupBench.expectOk(front.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/images/" + uuid)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Stops it (SIGTERM) and removes its data; its log stays. */
    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException gone) {
            // nothing written
        }
    }
}
