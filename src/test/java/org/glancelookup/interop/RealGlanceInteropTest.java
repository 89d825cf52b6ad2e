package org.glancelookup.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service against a real OpenStack Glance (Debian's glance-api, Zed) on loopback, started and seeded by
 * scripts/real-glance.sh: every seeded image end to end, the 404, a dead server in the list, Glance's own
 * trusted-headers mode, and what a v1 request to a v2-only Glance gives.
 */
@Tag("interop")
class RealGlanceInteropTest {
    private static final Path DIR = Path.of("target", "real-glance");
    private static final Path TRUSTED_DIR = Path.of("target", "real-glance-trusted");
    private static JsonNode seed;
    private static JsonNode trustedSeed;

    @BeforeAll
    static void startGlance() throws Exception {
        seed = start(DIR, FreePorts.next(), false);
        trustedSeed = start(TRUSTED_DIR, FreePorts.next(), true);
    }

    @AfterAll
    static void stopGlance() throws Exception {
        script("stop", "--dir", DIR.toString());
        script("stop", "--dir", TRUSTED_DIR.toString());
    }

    private static JsonNode start(Path dir, int port, boolean trusted) throws Exception {
        if (trusted) {
            script("start", "--port", String.valueOf(port), "--dir", dir.toString(), "--trusted-headers");
        } else {
            script("start", "--port", String.valueOf(port), "--dir", dir.toString());
        }
        return JSON.readTree(dir.resolve("seed.json").toFile());
    }

    private static void script(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = "scripts/real-glance.sh";
        System.arraycopy(args, 0, command, 2, args.length);
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static String id(JsonNode seed, String image) {
        return seed.at("/images/" + image + "/id").asText();
    }

    private static TestService service(String servers, String apiVersion, String auth) throws Exception {
        return TestService.start(
                "glance.api-servers", servers,
                "glance.api-version", apiVersion,
                "glance.num-retries", "1",
                "auth.strategy", auth);
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void everySeededImageEndToEnd() throws Exception {
        try (TestService service = service(seed.get("url").asText(), "2", "noauth")) {
            JsonNode glance = seed.at("/images/public/glance");
            HttpResponse<String> response = service.httpGet("/images/" + id(seed, "public"));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode pub = body(response);
            assertThat(pub.get("uuid").asText()).isEqualTo(id(seed, "public"));
            assertThat(pub.get("name").asText()).isEqualTo(glance.get("name").asText());
            assertThat(pub.get("size").asLong()).isEqualTo(glance.get("size").asLong());
            assertThat(pub.get("checksum").asText()).isEqualTo(glance.get("checksum").asText());
            assertThat(pub.get("status").asText()).isEqualTo("active");
            assertThat(pub.get("is_public").asBoolean()).isTrue();
            assertThat(pub.get("owner").asText()).isEqualTo(glance.get("owner").asText());
            assertThat(pub.get("created_at").asText()).endsWith("Z");
            assertThat(pub.at("/properties/description").asText()).isEqualTo(glance.get("description").asText());
            assertThat(pub.at("/properties/os_distro").asText()).isEqualTo(glance.get("os_distro").asText());
            assertThat(pub.has("tags")).isFalse();
            assertThat(pub.has("virtual_size")).isFalse();
            // kernel and ramdisk uuids became internal ids that find those images again
            long kernel = pub.at("/properties/kernel_id").asLong();
            long ramdisk = pub.at("/properties/ramdisk_id").asLong();
            JsonNode aki = body(service.httpGet(String.format("/images/aki-%08x", kernel)));
            assertThat(aki.get("uuid").asText()).isEqualTo(id(seed, "kernel"));
            assertThat(aki.get("ec2_id").asText()).isEqualTo(String.format("aki-%08x", kernel));
            JsonNode ari = body(service.httpGet(String.format("/images/ari-%08x", ramdisk)));
            assertThat(ari.get("uuid").asText()).isEqualTo(id(seed, "ramdisk"));
            assertThat(ari.get("ec2_id").asText()).isEqualTo(String.format("ari-%08x", ramdisk));

            JsonNode bdm = body(service.httpGet("/images/" + id(seed, "bdm")));
            assertThat(bdm.at("/properties/block_device_mapping").isArray()).isTrue();
            assertThat(bdm.at("/properties/block_device_mapping/0/device_name").asText()).isEqualTo("vda");
            assertThat(bdm.at("/properties/mappings").isArray()).isTrue();

            JsonNode queued = body(service.httpGet("/images/" + id(seed, "queued")));
            assertThat(queued.get("status").asText()).isEqualTo("queued");
            assertThat(queued.get("size").asLong()).isZero();
            assertThat(queued.get("checksum").isNull()).isTrue();

            JsonNode deactivated = body(service.httpGet("/images/" + id(seed, "deactivated")));
            assertThat(deactivated.get("status").asText()).isEqualTo("deactivated");

            // a private image of another project: hidden by Nova's availability check, shown with a token
            HttpResponse<String> hidden = service.httpGet("/images/" + id(seed, "private-other"),
                    "X-Project-Id", "p-someone");
            assertThat(hidden.statusCode()).isEqualTo(404);
            assertThat(body(hidden).get("error").asText()).isEqualTo("ImageNotFound");
            assertThat(service.httpGet("/images/" + id(seed, "private-other"), "X-Auth-Token", "any")
                    .statusCode()).isEqualTo(200);

            HttpResponse<String> missing = service.httpGet("/images/" + UUID.randomUUID());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(body(missing).get("error").asText()).isEqualTo("ImageNotFound");
        }
    }

    @Test
    void aDeadServerInTheListCostsARetryNotAnAnswer() throws Exception {
        String dead = "http://127.0.0.1:" + FreePorts.next();
        try (TestService service = service(dead + "," + seed.get("url").asText(), "2", "noauth")) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = service.httpGet("/images/" + id(seed, "public"));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("GlanceServer")).hasValue(seed.get("url").asText());
            }
        }
    }

    @Test
    void trustedHeadersLetGlanceHideOtherProjectsPrivateImages() throws Exception {
        try (TestService service = service(trustedSeed.get("url").asText(), "2", "trusted-headers")) {
            String privateImage = "/images/" + id(trustedSeed, "private-other");
            HttpResponse<String> stranger = service.httpGet(privateImage, "X-Project-Id", "p-someone",
                    "X-User-Id", "u-1", "X-Roles", "member", "X-Auth-Token", "tok");
            assertThat(stranger.statusCode()).isEqualTo(404);
            assertThat(body(stranger).get("error").asText()).isEqualTo("ImageNotFound");
            HttpResponse<String> owner = service.httpGet(privateImage, "X-Project-Id", "p-other",
                    "X-User-Id", "u-2", "X-Roles", "member", "X-Auth-Token", "tok");
            assertThat(owner.statusCode()).isEqualTo(200);
            assertThat(body(owner).get("uuid").asText()).isEqualTo(id(trustedSeed, "private-other"));
        }
    }

    @Test
    void v1AgainstAV2OnlyGlanceIsAClearInvalidGlanceResponse() throws Exception {
        try (TestService service = service(seed.get("url").asText(), "1", "noauth")) {
            HttpResponse<String> response = service.httpGet("/images/" + id(seed, "public"));
            assertThat(response.statusCode()).isEqualTo(502);
            JsonNode error = body(response);
            assertThat(error.get("error").asText()).isEqualTo("InvalidGlanceResponse");
            assertThat(error.get("message").asText()).contains("does not speak this API version").contains("300");
        }
    }
}
