package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** glance.api-version=2: GET /v2/images/{id} as JSON, the schema fetched once per server, Nova's v2 rules. */
class GlanceV2Test {
    private static GlanceStandIn a;
    private static GlanceStandIn b;
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        a = new GlanceStandIn("a");
        b = new GlanceStandIn("b");
        service = TestService.start("glance.api-servers", a.url() + "," + b.url(), "glance.api-version", "2");
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        a.close();
        b.close();
    }

    @Test
    void v2ImageThroughNovasRulesAndTheSchemaOncePerServer() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String kernel = UUID.randomUUID().toString();
        Map<String, Object> image = Images.publicImage(uuid, "v2-image");
        image.put("kernel_id", kernel);
        image.put("os_distro", "débian");
        image.put("hw_machine_type", "q35");
        image.put("virtual_size", 4096);
        image.put("tags", java.util.List.of("x"));
        image.put("os_hidden", false);
        image.put("mappings", "[{\"virtual\": \"ephemeral0\", \"device\": \"vdb\"}]");
        a.image(image);
        b.image(image);

        for (int i = 0; i < 4; i++) {
            JsonNode body = JSON.readTree(service.lookupBody(uuid));
            assertThat(body.get("uuid").asText()).isEqualTo(uuid);
            assertThat(body.get("is_public").asBoolean()).isTrue();
            assertThat(body.get("os_hidden").asBoolean()).isFalse();
            assertThat(body.has("virtual_size")).isFalse();
            assertThat(body.has("tags")).isFalse();
            assertThat(body.has("protected")).isFalse();
            assertThat(body.get("deleted").asBoolean()).isFalse();
            assertThat(body.get("deleted_at").isNull()).isTrue();
            assertThat(body.at("/properties/os_distro").asText()).isEqualTo("débian");
            assertThat(body.at("/properties/hw_machine_type").asText()).isEqualTo("q35");
            assertThat(body.at("/properties/kernel_id").isIntegralNumber()).isTrue();
            assertThat(body.at("/properties/mappings/0/device").asText()).isEqualTo("vdb");
        }
        assertThat(a.imageRequests()).allMatch(r -> r.method().equals("GET") && r.path().startsWith("/v2/images/"));
        assertThat(a.imageRequests()).allMatch(r -> "application/json".equals(r.header("Accept")));
        assertThat(a.schemaRequests()).isEqualTo(1);
        assertThat(b.schemaRequests()).isEqualTo(1);
    }

    @Test
    void unparseableV2AnswersAreInvalidGlanceResponses() throws Exception {
        String notJson = UUID.randomUUID().toString();
        String array = UUID.randomUUID().toString();
        String badTime = UUID.randomUUID().toString();
        for (GlanceStandIn s : new GlanceStandIn[] {a, b}) {
            s.rawV2(notJson, "<html>oops</html>");
            s.rawV2(array, "[1, 2]");
            s.image(Images.with(Images.publicImage(badTime, "bad"), "created_at", "yesterday"));
        }
        for (String id : new String[] {notJson, array, badTime}) {
            var response = service.httpGet("/images/" + id);
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("InvalidGlanceResponse");
        }
    }

    @Test
    void privateV2ImageWithOwnerIdIsForItsProjectOnly() throws Exception {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> image = Images.with(Images.publicImage(uuid, "mine"), "visibility", "private");
        image.put("owner_id", "project-x");
        a.image(image);
        b.image(image);
        assertThat(service.httpGet("/images/" + uuid).statusCode()).isEqualTo(404);
        assertThat(service.httpGet("/images/" + uuid, "X-Project-Id", "project-y").statusCode()).isEqualTo(404);
        assertThat(service.httpGet("/images/" + uuid, "X-Project-Id", "project-x").statusCode()).isEqualTo(200);
        assertThat(service.httpGet("/images/" + uuid, "X-Roles", "member,admin").statusCode()).isEqualTo(200);
    }
}
