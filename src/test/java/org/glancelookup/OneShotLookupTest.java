package org.glancelookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar glance-lookup.jar lookup ID}: metadata JSON on stdout and exit 0, or error JSON and 1. */
class OneShotLookupTest {
    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void captureStdout() {
        // -D settings beat the command's own defaults, as they would on a real command line
        System.setProperty("mapping.jdbc-url", "jdbc:h2:mem:oneshot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        System.setProperty("hawtio.enabled", "false");
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.clearProperty("mapping.jdbc-url");
        System.clearProperty("hawtio.enabled");
    }

    @Test
    void printsTheMetadataAndSucceeds() throws Exception {
        int code = OneShotLookup.run(new String[] {"ami-00000001"});
        assertThat(code).isZero();
        assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("ec2_id").asText())
                .isEqualTo("ami-00000001");
    }

    @Test
    void printsTheErrorAndFails() throws Exception {
        int code = OneShotLookup.run(new String[] {"ami-0000abcd"});
        assertThat(code).isEqualTo(1);
        assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("error").asText())
                .isEqualTo("ImageNotFound");
    }

    @Test
    void aFileStoreNobodyHoldsIsOpenedHere() throws Exception {
        // the check for a running service's hold on the file must let go of it before the lookup's own pool opens it
        System.setProperty("mapping.jdbc-url", "jdbc:h2:file:./target/oneshot-" + UUID.randomUUID() + "/mapping");
        int code = OneShotLookup.run(new String[] {"ami-00000001"});
        assertThat(code).isZero();
        assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void usageWithoutAnId() throws Exception {
        assertThat(OneShotLookup.run(new String[0])).isEqualTo(2);
    }
}
