import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the application class-data archive of the shipped jar (run by `mvn package`, see pom.xml): starts
 * `java -XX:ArchiveClassesAtExit=ARCHIVE -jar JAR` with the README's other JVM options, from the project root and
 * with the jar path exactly as the README's command gives it (the JVM only maps an archive whose class path is
 * spelled the same), makes it do what a first user does (lookups over HTTP, errors, health, metrics), then stops
 * it: at exit the JVM writes every class it loaded, parsed and verified, into ARCHIVE. The README's command maps
 * it with -XX:SharedArchiveFile and is ready about a second sooner on 2 cores.
 *
 * Usage (from the project root): java scripts/CdsArchive.java target/glance-lookup.jar target/glance-lookup.jsa
 */
public final class CdsArchive {
    /** The README's run command's heap options: the training run sees the memory the service will have. */
    private static final List<String> README_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx128m");
    private static final Pattern DEMO_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        Path archive = Path.of(args[1]);
        Files.deleteIfExists(archive);
        Path data = Files.createTempDirectory("cds-training");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:ArchiveClassesAtExit=" + archive));
        command.addAll(README_OPTIONS);
        // the service's own files and ports stay out of the way of a running instance
        command.addAll(List.of("-Dlookup.http.port=" + port, "-Dhawtio.port=" + freePort(),
                "-Ddemo.ports=" + freePort() + "," + freePort(), "-Dbroker.embedded-port=" + freePort(),
                "-Dbroker.data-dir=" + data.resolve("artemis"),
                "-Dmapping.jdbc-url=jdbc:h2:file:" + data.resolve("mapping") + ";DB_CLOSE_ON_EXIT=FALSE",
                "-jar", jar));
        long started = System.nanoTime();
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build();
            String base = "http://127.0.0.1:" + port;
            waitReady(http, base, service, data);
            List<String> paths = new ArrayList<>(List.of("/images/ami-00000001", "/images/ami-7fffffff",
                    "/images/not-an-id", "/health/live", "/health/ready", "/metrics"));
            Matcher ids = DEMO_ID.matcher(Files.readString(Path.of("config/demo-images.json")));
            while (ids.find()) {
                paths.add("/images/" + ids.group(1));
            }
            for (int round = 0; round < 5; round++) {
                for (String path : paths) {
                    http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } finally {
            service.destroy(); // SIGTERM: the JVM writes the archive on its way out
            if (!service.waitFor(2, TimeUnit.MINUTES)) {
                service.destroyForcibly();
            }
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no class-data archive was written; see " + data.resolve("service.log"));
        }
        try (var files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.out.printf("class-data archive %s: %d MB in %.1f s%n", archive, Files.size(archive) >> 20,
                (System.nanoTime() - started) / 1e9);
    }

    private static void waitReady(HttpClient http, String base, Process service, Path data) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the service did not get ready; see " + data.resolve("service.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
