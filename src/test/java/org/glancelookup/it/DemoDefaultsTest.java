package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.glancelookup.support.DemoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The zero-configuration service: demo Glance, embedded broker, H2 seeded so ami-00000001 resolves. */
class DemoDefaultsTest {
    @RegisterExtension
    static final DemoService SERVICE = new DemoService();

    @Test
    void httpFrontDoorAnswersTheDemoImage() throws Exception {
        HttpResponse<String> response = SERVICE.get().httpGet("/images/ami-00000001");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        // the shipped default
        assertThat(response.headers().firstValue("GlanceApiVersion")).hasValue("2");
        assertThat(response.headers().firstValue("GlanceServer")).hasValueSatisfying(s -> s.startsWith("http://127.0.0.1:"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("id").asLong()).isEqualTo(1);
        assertThat(body.get("uuid").asText()).isEqualTo("2f0e6a52-7c1d-4a4e-9d55-0b8a1f3c6e01");
        assertThat(body.get("ec2_id").asText()).isEqualTo("ami-00000001");
        assertThat(body.get("name").asText()).isEqualTo("ubuntu-22.04-server-cloudimg-amd64");
        assertThat(body.get("is_public").asBoolean()).isTrue();
        assertThat(body.get("size").asLong()).isEqualTo(676331520L);
        assertThat(body.at("/properties/kernel_id").asLong()).isEqualTo(2);
        assertThat(body.at("/properties/ramdisk_id").asLong()).isEqualTo(3);
        assertThat(body.at("/properties/block_device_mapping/0/device_name").asText()).isEqualTo("vda");
        // nothing Glance sent as a header leaks to the caller
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-image-meta"));
    }

    @Test
    void kernelAndRamdiskAreAkiAndAri() throws Exception {
        assertThat(JSON.readTree(SERVICE.get().httpGet("/images/aki-00000002").body()).get("ec2_id").asText())
                .isEqualTo("aki-00000002");
        assertThat(JSON.readTree(SERVICE.get().httpGet("/images/3").body()).get("ec2_id").asText())
                .isEqualTo("ari-00000003");
    }

    @Test
    void nonAsciiTextSurvivesV1Headers() throws Exception {
        JsonNode body = JSON.readTree(SERVICE.get().httpGet("/images/ami-00000004").body());
        assertThat(body.get("name").asText()).isEqualTo("fedora-40-för-entwickler");
        assertThat(body.at("/properties/description").asText())
                .isEqualTo("Fedora 40 für Entwickler — 開発者向けイメージ ✓");
    }

    @Test
    void privateImageIsNotFoundExceptForItsProject() throws Exception {
        HttpResponse<String> anonymous = SERVICE.get().httpGet("/images/ami-00000005");
        assertThat(anonymous.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(anonymous.body()).get("error").asText()).isEqualTo("ImageNotFound");

        HttpResponse<String> owner = SERVICE.get().httpGet("/images/ami-00000005",
                "X-Project-Id", "a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(owner.body()).get("name").asText()).isEqualTo("team-rocket-private-build");
    }

    @Test
    void unknownIdIsAStructured404() throws Exception {
        HttpResponse<String> response = SERVICE.get().httpGet("/images/ami-000000ff", "X-OpenStack-Request-ID", "req-42");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("ImageNotFound");
        assertThat(body.get("message").asText()).isEqualTo("Image ami-000000ff could not be found.");
        assertThat(body.get("image_id").asText()).isEqualTo("ami-000000ff");
        assertThat(body.get("request_id").asText()).isEqualTo("req-42");
    }

    @Test
    void badIdsAre400s() throws Exception {
        HttpResponse<String> ec2 = SERVICE.get().httpGet("/images/vol-00000001");
        assertThat(ec2.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(ec2.body()).get("error").asText()).isEqualTo("InvalidEc2Id");
        HttpResponse<String> other = SERVICE.get().httpGet("/images/hello");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(other.body()).get("error").asText()).isEqualTo("InvalidRequest");
    }

    @Test
    void directFrontDoorTakesJsonAndMaps() throws Exception {
        JsonNode fromJson = JSON.readTree(SERVICE.get().lookupBody("{\"image_id\": \"ami-00000001\"}"));
        assertThat(fromJson.get("ec2_id").asText()).isEqualTo("ami-00000001");
        JsonNode fromMap = JSON.readTree(SERVICE.get().lookupBody(java.util.Map.of("image_id", "1")));
        assertThat(fromMap.get("uuid").asText()).isEqualTo("2f0e6a52-7c1d-4a4e-9d55-0b8a1f3c6e01");
    }
}
