package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.JmsClient;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad-input catalogue: hundreds of malformed requests (explicit cases plus seeded random ones) through each
 * front door, each expecting its SPEC section 5 error, each followed by a good request that must be answered.
 */
class BadInputCatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUESTS = "glance.image.lookup";
    private static final String REPLIES = "catalogue.replies";
    private static GlanceStandIn glance;
    private static TestService service;
    private static JmsClient client;
    private static String good;

    record Bad(String input, String error) {}

    @BeforeAll
    static void start() throws Exception {
        glance = new GlanceStandIn("g");
        good = UUID.randomUUID().toString();
        glance.image(Images.publicImage(good, "good"));
        Map<String, String> settings = TestService.defaults();
        int brokerPort = FreePorts.next();
        settings.put("broker.embedded-port", String.valueOf(brokerPort));
        settings.put("glance.api-servers", glance.url());
        service = TestService.start(settings);
        client = new JmsClient("tcp://127.0.0.1:" + brokerPort);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        service.close();
        glance.close();
    }

    /** Ids no front door may accept, by construction of each group. */
    static List<Bad> badIds() {
        List<Bad> ids = new ArrayList<>();
        String invalid = "InvalidRequest";
        String ec2 = "InvalidEc2Id";
        for (String id : List.of("", "../../etc/passwd", "..%2F..%2Fetc", "%2e%2e%2fami-00000001", "/images/ami-1",
                "ami%2d00000001", "ami_00000001", "ami00000001", "\u0430mi-00000001", "ami\u201000000001",
                "0", "-1", "00", "99999999999999999999", "1.5", "1e3", "0x10", " 1", "1 ", "+1", "\u0661",
                "\uff11\uff12", "\u0000", "\r\n", "\t", "'; DROP TABLE s3_images;--",
                "${jndi:ldap://127.0.0.1/x}", "{{glance.api-servers}}", "*", "?", "#", "&", "=", "%",
                "12345678-1234-1234-1234-12345678901", "12345678-1234-1234-1234-1234567890123",
                "1234567g-1234-1234-1234-123456789012", "x".repeat(256), "7".repeat(300))) {
            ids.add(new Bad(id, invalid));
        }
        for (String id : List.of("ami-", "ami-0000000g", "ami-00000001x", "ami-" + "0".repeat(17), "aki-zz",
                "ari-0x1", "ami--1", "ami-\uff10\uff10\uff10\uff10\uff10\uff10\uff10\uff11", "ami-00000001/..",
                "ami-0000 0001", "ami-\u0000", "ami-00000001\r\nX-Evil: 1", "abc-123", "x-1", "ami-00000001\n", "AMI-", "Ami-g")) {
            ids.add(new Bad(id, ec2));
        }
        Random random = new Random(7);
        String noise = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~ \t\r\n\u0000\u0007\u00e9\u0430\u2010\uff10\ud83d\ude00"
                + "abcdefghijklmnopqrstuvwxyz0123456789-";
        for (int i = 0; i < 60; i++) {
            // first a character that is neither a letter nor a digit: no id form can start with it
            StringBuilder id = new StringBuilder().append(noise.charAt(random.nextInt(40)));
            for (int n = random.nextInt(40); n > 0; n--) {
                id.append(noise.charAt(random.nextInt(noise.length())));
            }
            ids.add(new Bad(id.toString(), invalid));
        }
        for (int i = 0; i < 40; i++) {
            // letters, a dash, then anything but 1-16 hex digits: an EC2 id with a bad number part
            StringBuilder id = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                id.append((char) ('a' + random.nextInt(26)));
            }
            id.append('-').append(noise.charAt(random.nextInt(40)));
            for (int n = random.nextInt(12); n > 0; n--) {
                id.append(noise.charAt(random.nextInt(noise.length())));
            }
            ids.add(new Bad(id.toString(), ec2));
        }
        return ids;
    }

    /** Request bodies of the wrong kind (queue and direct front doors). */
    static List<Bad> badBodies() {
        List<Bad> bodies = new ArrayList<>();
        for (String body : List.of("{", "{not json", "{\"image_id\": ", "{\"image_id\": \"ami-00000001\"} trailing",
                "{'image_id': 'ami-00000001'}", "{\"image_id\": \"ami-00000001\",}", "[\"ami-00000001\"]", "[]",
                "{}", "{\"image\": \"ami-00000001\"}", "{\"image_id\": null}", "{\"image_id\": 5}",
                "{\"image_id\": 5.5}", "{\"image_id\": true}", "{\"image_id\": [\"ami-00000001\"]}",
                "{\"image_id\": {\"id\": \"ami-00000001\"}}", "{\"image_id\": \"\"}",
                "{\"image_id\": \"ami-00000001\", \"context\": \"admin\"}",
                "{\"image_id\": \"ami-00000001\", \"context\": []}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"roles\": \"admin\"}}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"roles\": [1, 2]}}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"is_admin\": \"yes\"}}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"project_id\": 5}}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"auth_token\": [\"t\"]}}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"auth_token\": \"tok\\r\\nX-Evil: 1\"}}",
                "{\"image_id\": \"ami-00000001\", \"context\": {\"auth_token\": \"tok\\u0000\"}}",
                "{\"image_id\": \"ami-00000001\", \"request_id\": \"req-1\\nX-Evil: 1\"}",
                "{\"image_id\": \"ami-00000001\", \"request_id\": 7}",
                "{\"image_id\": \"" + "a".repeat(70_000) + "\"}",
                "{\"image_id\": \"ami-00000001\", \"pad\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}",
                "{\"image_id\": \"ami-00000001\"" + ", \"a\": 1".repeat(10_000) + "}",
                "[".repeat(5000) + "]".repeat(5000), "{\"image_id\": \"\\ud800\"}", "{\"image_id\": \"\\u0000\"}")) {
            bodies.add(new Bad(body, "InvalidRequest"));
        }
        return bodies;
    }

    private static String jsonRequest(String id) throws Exception {
        return JSON.writeValueAsString(Map.of("image_id", id));
    }

    @Test
    void directFrontDoor() throws Exception {
        List<Bad> catalogue = new ArrayList<>(badBodies());
        for (Bad id : badIds()) {
            catalogue.add(new Bad(jsonRequest(id.input()), id.error()));
        }
        List<String> wrong = new ArrayList<>();
        for (Bad bad : catalogue) {
            check(wrong, bad, JSON.readTree(service.lookupBody(bad.input())));
            assertThat(JSON.readTree(service.lookupBody(good)).path("uuid").asText()).isEqualTo(good);
        }
        report("direct", catalogue.size(), wrong);
    }

    @Test
    void queueFrontDoor() throws Exception {
        List<Bad> catalogue = new ArrayList<>(badBodies());
        for (Bad id : badIds()) {
            // a body not starting with '{' is a bare id: both ways
            catalogue.add(new Bad(jsonRequest(id.input()), id.error()));
            if (!id.input().startsWith("{") && !id.input().isBlank() && id.input().strip().equals(id.input())) {
                catalogue.add(new Bad(id.input(), id.error()));
            }
        }
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (Bad bad : catalogue) {
            String correlation = "bad-" + n++;
            client.send(REQUESTS, client.text(bad.input()), REPLIES, correlation);
            Message reply = client.receive(REPLIES, 20000);
            assertThat(reply).as(correlation).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo(correlation);
            check(wrong, bad, JSON.readTree(((TextMessage) reply).getText()));
            client.send(REQUESTS, client.text(good), REPLIES, "good-" + n);
            Message answer = client.receive(REPLIES, 20000);
            assertThat(JSON.readTree(((TextMessage) answer).getText()).path("uuid").asText()).isEqualTo(good);
        }
        assertThat(client.receive("DLQ." + REQUESTS, 200)).as("nothing dead-lettered").isNull();
        report("queue", catalogue.size(), wrong);
    }

    @Test
    void httpFrontDoor() throws Exception {
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Bad bad : badIds()) {
            if (bad.input().isEmpty() || bad.input().contains("/") || bad.input().equals("..")
                    || bad.input().equals(".")) {
                continue; // not one path segment: see pathsThatAreNotAnImageId
            }
            tried++;
            var response = service.httpGet("/images/" + URLEncoder.encode(bad.input(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            check(wrong, bad, JSON.readTree(response.body()));
            if (response.statusCode() != 400) {
                wrong.add(bad.input() + ": HTTP " + response.statusCode());
            }
            assertThat(service.httpGet("/images/" + good).statusCode()).isEqualTo(200);
        }
        report("http", tried, wrong);
    }

    @Test
    void pathsThatAreNotAnImageId() throws Exception {
        for (String path : List.of("/images/", "/images", "/images/a/b", "/", "/nothing",
                "/images/../metrics/x", "/IMAGES/ami-00000001", "/hawtio/", "/jolokia/")) {
            var response = service.httpGet(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(path).isEqualTo("InvalidRequest");
            assertThat(service.httpGet("/images/" + good).statusCode()).isEqualTo(200);
        }
        var post = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + service.setting("lookup.http.port") + "/images/" + good))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("POST").isIn(400, 405);
        assertThat(service.httpGet("/metrics").statusCode()).isEqualTo(200);
        assertThat(service.httpGet("/health/live").statusCode()).isEqualTo(200);
    }

    private static void check(List<String> wrong, Bad bad, JsonNode answer) {
        String shown = bad.input().length() > 80 ? bad.input().substring(0, 80) + "..." : bad.input();
        if (!bad.error().equals(answer.path("error").asText())) {
            wrong.add(JSON.valueToTree(shown) + " expected " + bad.error() + " got " + answer);
        }
    }

    private static void report(String frontDoor, int tried, List<String> wrong) {
        System.out.printf("bad-input catalogue, %s front door: %d bad inputs tried, %d answered otherwise;"
                + " a good request answered after each%n", frontDoor, tried, wrong.size());
        assertThat(wrong).as(frontDoor).isEmpty();
        assertThat(tried).isGreaterThanOrEqualTo(100);
    }
}
