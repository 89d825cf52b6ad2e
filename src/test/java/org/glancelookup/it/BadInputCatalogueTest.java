package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glancelookup.support.FrontDoors;
import org.glancelookup.support.RawHttp;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad-input catalogue's explicit cases: malformed requests through each front door, each expecting its SPEC
 * section 5 error, each followed by a good request that must be answered. {@link BadInputPropertiesTest} adds
 * generated ones (QuickTheories).
 */
class BadInputCatalogueTest {
    private static FrontDoors doors;
    private static TestService service;
    private static String good;

    record Bad(String input, String error) {}

    @BeforeAll
    static void start() throws Exception {
        doors = FrontDoors.start(Map.of());
        service = doors.service();
        good = doors.good();
    }

    @AfterAll
    static void stop() throws Exception {
        doors.close();
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
                "{\"image_id\": \"" + "a".repeat(10 * 1024 * 1024) + "\"}",
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
        for (Bad bad : catalogue) {
            check(wrong, bad, JSON.readTree(doors.viaQueue(bad.input())));
            assertThat(JSON.readTree(doors.viaQueue(good)).path("uuid").asText()).isEqualTo(good);
        }
        assertThat(doors.nothingDeadLettered()).isTrue();
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

    /**
     * Requests Vert.x refuses before a route runs (too large, an undecodable form, an unmet Expect): InvalidRequest
     * JSON too, with no ERROR line (Vert.x would log a stack trace for the form).
     */
    @Test
    void requestsTheHttpServerRefusesBeforeARoute() throws Exception {
        String port = service.setting("lookup.http.port");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String big = "x".repeat(100_000);
        List<java.net.http.HttpRequest> requests = new ArrayList<>();
        for (String path : List.of("/images/" + good, "/images/ami-00000001", "/nothing")) {
            var uri = java.net.URI.create("http://127.0.0.1:" + port + path);
            requests.add(java.net.http.HttpRequest.newBuilder(uri)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)).build());
            requests.add(java.net.http.HttpRequest.newBuilder(uri)
                    .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString(big)).build());
            // no length given: the body is sent chunked and cut when it passes the cap
            requests.add(java.net.http.HttpRequest.newBuilder(uri).POST(java.net.http.HttpRequest.BodyPublishers
                    .ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                    .build());
            requests.add(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("a=" + "y".repeat(20_000))).build());
            requests.add(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Content-Type", "multipart/form-data; boundary=zz")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--zz\r\nnot a part")).build());
        }
        try (var log = org.glancelookup.support.LogCapture.at(org.apache.logging.log4j.Level.WARN)) {
            List<String> wrong = new ArrayList<>();
            for (var request : requests) {
                var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                String what = request.method() + " " + request.uri().getPath() + " "
                        + request.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 400
                        || !"InvalidRequest".equals(errorIn(response.body()))) {
                    wrong.add(what + ": HTTP " + response.statusCode() + " " + response.body());
                }
                assertThat(service.httpGet("/images/" + good).statusCode()).isEqualTo(200);
            }
            int rawPort = Integer.parseInt(port);
            // an Expect the server cannot meet
            String expect = RawHttp.send(rawPort, "GET /images/" + good + " HTTP/1.1\r\nHost: x\r\n"
                    + "Expect: 100-later\r\nContent-Length: 5\r\n\r\n", false);
            if (!expect.startsWith("HTTP/1.1 400") || !expect.contains("\"error\":\"InvalidRequest\"")) {
                wrong.add("Expect: 100-later: " + expect);
            }
            // a chunk size that is not a number breaks the framing: the connection is closed without an answer
            String badChunk = RawHttp.send(rawPort, "POST /images/" + good + " HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n", false);
            if (!badChunk.isEmpty()) {
                wrong.add("chunk size zz: " + badChunk);
            }
            // a body cut short by the caller closing its side: nobody to answer, and nothing to log above DEBUG
            RawHttp.send(rawPort, "POST /nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc", true);
            // what Vert.x refuses while reading the request line and headers: HttpRefusalsTest
            assertThat(service.httpGet("/images/" + good).statusCode()).isEqualTo(200);
            // LogCapture appends " | " and the exception to a line that carries one
            assertThat(log.lines()).as("no ERROR line, no stack trace")
                    .noneMatch(l -> l.startsWith("ERROR") || l.contains(" | "));
            report("http (refused before a route)", requests.size() + 3, wrong, 18);
        }
    }

    /** The error name in an answer, or null when the answer is not JSON. */
    private static String errorIn(String answer) {
        try {
            return JSON.readTree(answer).path("error").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return null;
        }
    }

    private static void check(List<String> wrong, Bad bad, JsonNode answer) {
        String shown = bad.input().length() > 80 ? bad.input().substring(0, 80) + "..." : bad.input();
        if (!bad.error().equals(answer.path("error").asText())) {
            wrong.add(JSON.valueToTree(shown) + " expected " + bad.error() + " got " + answer);
        }
    }

    private static void report(String frontDoor, int tried, List<String> wrong) {
        report(frontDoor, tried, wrong, 40);
    }

    private static void report(String frontDoor, int tried, List<String> wrong, int atLeast) {
        System.out.printf("bad-input catalogue, %s front door: %d bad inputs tried, %d answered otherwise;"
                + " a good request answered after each%n", frontDoor, tried, wrong.size());
        assertThat(wrong).as(frontDoor).isEmpty();
        assertThat(tried).isGreaterThanOrEqualTo(atLeast);
    }
}
