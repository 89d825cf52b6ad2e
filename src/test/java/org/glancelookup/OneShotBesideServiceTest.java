package org.glancelookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.glancelookup.support.AppProcess;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lookup ID} while a service in a JVM of its own holds the embedded H2 mapping file, as the README's two
 * commands on one data directory do: the running service answers it over its queue; with no way to reach that
 * service, the command says why and what to do within seconds (it used to wait 22 s for the file).
 */
class OneShotBesideServiceTest {
    private static final Path WORK = Path.of("target", "oneshot-beside-" + UUID.randomUUID()).toAbsolutePath();
    private static final String STORE_URL = "jdbc:h2:file:" + WORK.resolve("data/mapping") + ";DB_CLOSE_ON_EXIT=FALSE";
    private static final String HELD_FILE = WORK.resolve("data/mapping.mv.db").toString();
    private static AppProcess service;
    private static int brokerPort;

    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;

    @BeforeAll
    static void startTheService() throws Exception {
        brokerPort = FreePorts.next();
        Map<String, String> settings = TestService.defaults(
                "broker.embedded-port", String.valueOf(brokerPort),
                "mapping.jdbc-url", STORE_URL);
        service = AppProcess.start("service", settings, WORK);
    }

    @AfterAll
    static void stopTheService() throws Exception {
        service.close();
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
        System.clearProperty("mapping.jdbc-url");
        System.clearProperty("broker.embedded-port");
    }

    @Test
    void theRunningServiceAnswersOverItsQueue() throws Exception {
        Run found = lookup("ami-00000001", brokerPort);
        assertThat(found.status).as(found.err).isZero();
        JsonNode metadata = JSON.readTree(found.out);
        assertThat(metadata.path("ec2_id").asText()).isEqualTo("ami-00000001");
        assertThat(metadata.path("id").asInt()).isEqualTo(1);
        assertThat(found.err).contains("The mapping store " + HELD_FILE + " is held by another process")
                .contains("asking the service over its request queue");

        Run missing = lookup("ami-000000ff", brokerPort);
        assertThat(missing.status).isEqualTo(1);
        assertThat(JSON.readTree(missing.out).path("error").asText()).isEqualTo("ImageNotFound");
        realOut.printf("one-shot beside a running service: metadata in %d ms, ImageNotFound in %d ms%n",
                found.millis, missing.millis);
    }

    @Test
    void withTheServiceOutOfReachItSaysWhyAndWhatToDoWithinSeconds() throws Exception {
        int nobody = FreePorts.next();
        Run run = lookup("ami-00000001", nobody);
        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).as("stdout is for answers").isEmpty();
        assertThat(run.err).contains("cannot reach the broker at tcp://127.0.0.1:" + nobody)
                .contains("The lookup cannot run here while another process holds " + HELD_FILE)
                .contains("stop that process").contains("-Dbroker.embedded-port=PORT");
        assertThat(run.millis).as("milliseconds to fail").isLessThan(5_000);
        realOut.printf("one-shot with the file held and no service reachable: failed in %d ms%n", run.millis);
    }

    private record Run(int status, String out, String err, long millis) {
    }

    /** The command as a user in the service's directory runs it: the same store, the given broker port. */
    private Run lookup(String id, int port) throws Exception {
        System.setProperty("mapping.jdbc-url", STORE_URL);
        System.setProperty("broker.embedded-port", String.valueOf(port));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        long started = System.nanoTime();
        int status = OneShotLookup.run(new String[] {id});
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Run(status, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8),
                millis);
    }
}
