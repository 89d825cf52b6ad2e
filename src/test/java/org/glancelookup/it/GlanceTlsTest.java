package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.LogCapture;
import org.glancelookup.support.SelfSignedCertificate;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Glance over HTTPS with a self-signed certificate: refused by default with a TLS reason, trusted through
 * glance.ca-file, and accepted unverified with glance.api-insecure=true (which says so at start).
 */
class GlanceTlsTest {
    private static SelfSignedCertificate certificate;
    private static GlanceStandIn glance;
    private static final String IMAGE = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.create(Path.of("target", "tls-" + UUID.randomUUID()));
        glance = new GlanceStandIn("tls", certificate.serverContext());
        glance.image(Images.publicImage(IMAGE, "over-tls"));
    }

    @AfterAll
    static void stop() {
        glance.close();
    }

    private static Map<String, String> settings(String... more) {
        Map<String, String> settings = TestService.defaults("glance.api-servers", glance.url());
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    @Test
    void anUntrustedCertificateIsAConnectionFailureWithItsTlsReason() throws Exception {
        assertThat(glance.url()).startsWith("https://");
        try (TestService service = TestService.start(settings())) {
            int requestsBefore = glance.imageRequests().size();
            JsonNode answer = JSON.readTree(service.lookupBody(IMAGE));
            assertThat(answer.get("error").asText()).isEqualTo("GlanceConnectionFailed");
            assertThat(answer.get("message").asText()).contains(glance.url()).contains("SSLHandshakeException")
                    .containsIgnoringCase("certification path");
            assertThat(glance.imageRequests()).as("no request got through the handshake").hasSize(requestsBefore);
        }
    }

    @Test
    void theCaFileMakesTheCertificateTrusted() throws Exception {
        try (TestService service = TestService.start(settings("glance.ca-file",
                certificate.pemFile().toString()))) {
            assertThat(JSON.readTree(service.lookupBody(IMAGE)).get("uuid").asText()).isEqualTo(IMAGE);
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefusedUnlessInsecure() throws Exception {
        SelfSignedCertificate elsewhere = SelfSignedCertificate.create(Path.of("target", "tls-" + UUID.randomUUID()),
                "dns:glance.example");
        GlanceStandIn other = new GlanceStandIn("tls-other", elsewhere.serverContext());
        try {
            other.image(Images.publicImage(IMAGE, "over-tls"));
            Map<String, String> trusted = settings("glance.ca-file", elsewhere.pemFile().toString());
            trusted.put("glance.api-servers", other.url());
            try (TestService service = TestService.start(trusted)) {
                JsonNode answer = JSON.readTree(service.lookupBody(IMAGE));
                assertThat(answer.get("error").asText()).isEqualTo("GlanceConnectionFailed");
                // the host name check, whichever of JSSE and HttpClient makes it first
                assertThat(answer.get("message").asText()).containsIgnoringCase("subject alternative name")
                        .contains("127.0.0.1");
            }
            trusted.put("glance.api-insecure", "true");
            try (TestService service = TestService.start(trusted)) {
                assertThat(JSON.readTree(service.lookupBody(IMAGE)).get("uuid").asText()).isEqualTo(IMAGE);
            }
        } finally {
            other.close();
        }
    }

    @Test
    void insecureAcceptsItAndWarnsAtStart() throws Exception {
        try (LogCapture logs = LogCapture.at(Level.WARN);
                TestService service = TestService.start(settings("glance.api-insecure", "true"))) {
            assertThat(JSON.readTree(service.lookupBody(IMAGE)).get("uuid").asText()).isEqualTo(IMAGE);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN")
                    && line.contains("glance.api-insecure=true") && line.contains("NOT verified"));
        }
    }
}
