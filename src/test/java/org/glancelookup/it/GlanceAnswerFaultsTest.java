package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.RawGlance.ascii;
import static org.glancelookup.support.RawGlance.bytes;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.glancelookup.demo.DemoGlanceServer;
import org.glancelookup.support.Images;
import org.glancelookup.support.RawGlance;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/**
 * Glance servers that misbehave at the byte level (RawGlance on loopback): every answer is a SPEC section 5
 * error or Nova's reading of it, nothing hangs past the read timeout, and the service answers the next good
 * request.
 */
class GlanceAnswerFaultsTest {
    private static final String UUID_ = UUID.randomUUID().toString();
    private static final Map<String, Object> IMAGE = Images.publicImage(UUID_, "good");

    private static TestService service(RawGlance glance, String apiVersion) throws Exception {
        return TestService.start(
                "glance.api-servers", glance.url(),
                "glance.api-version", apiVersion,
                "glance.read-timeout-ms", "1000");
    }

    /** A well-formed answer: v1 HEAD headers or, for v2, the schema or the image JSON. */
    private static final RawGlance.Answer GOOD = (request, socket, out) -> {
        if (request.startsWith("HEAD")) {
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
            DemoGlanceServer.v1Headers(IMAGE).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            out.write(ascii(head.append("\r\n").toString()));
        } else {
            out.write(json(200, request.contains("/schemas/") ? schema() : JSON.writeValueAsBytes(
                    DemoGlanceServer.v2Body(IMAGE))));
        }
        out.flush();
    };

    private static byte[] json(int status, byte[] body) {
        return concat(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n"), body);
    }

    private static byte[] schema() {
        try (InputStream in = GlanceAnswerFaultsTest.class.getResourceAsStream("/vectors/schema-image.json")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** v2: the schema as usual, then this answer for the image. */
    private static RawGlance.Answer image(RawGlance.Answer forImage) {
        return (request, socket, out) -> {
            if (request.contains("/schemas/")) {
                GOOD.write(request, socket, out);
            } else {
                forImage.write(request, socket, out);
            }
        };
    }

    private static JsonNode lookup(TestService service) throws Exception {
        return JSON.readTree(service.lookupBody(UUID_));
    }

    /** The fault's answer, then a good answer from the same server once it behaves. */
    private static JsonNode afterwardsGood(TestService service, RawGlance glance, JsonNode faulty) throws Exception {
        glance.answer(GOOD);
        assertThat(lookup(service).get("uuid").asText()).as("the next good lookup").isEqualTo(UUID_);
        return faulty;
    }

    private static JsonNode v2Fault(RawGlance.Answer forImage) throws Exception {
        try (RawGlance glance = new RawGlance(image(forImage)); TestService service = service(glance, "2")) {
            return afterwardsGood(service, glance, lookup(service));
        }
    }

    private static JsonNode v1Fault(RawGlance.Answer answer) throws Exception {
        try (RawGlance glance = new RawGlance(answer); TestService service = service(glance, "1")) {
            return afterwardsGood(service, glance, lookup(service));
        }
    }

    private static JsonNode v1Headers(String... lines) throws Exception {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
        for (String line : lines) {
            head.append(line).append("\r\n");
        }
        return v1Fault(bytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aFiftyMegabyteBodyIsRefusedWithoutReadingIt() throws Exception {
        JsonNode answer = v2Fault((request, socket, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n"));
            byte[] chunk = new byte[65536];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 800; i++) {
                out.write(chunk); // the client drops the connection past 1 MiB
            }
        });
        assertThat(answer.get("error").asText()).isEqualTo("InvalidGlanceResponse");
        assertThat(answer.get("message").asText()).contains("glance.max-response-bytes");
    }

    @Test
    void aBodyThatIsNotJsonOrNotAnObjectIsAnInvalidResponse() throws Exception {
        for (String body : new String[] {"<html>not json</html>", "[1, 2, 3]", "{\"id\": ", "null", ""}) {
            JsonNode answer = v2Fault(bytes(json(200, body.getBytes(StandardCharsets.UTF_8))));
            assertThat(answer.get("error").asText()).as(body).isEqualTo("InvalidGlanceResponse");
        }
    }

    @Test
    void aJsonBodyUnderAnotherContentTypeIsReadAsJson() throws Exception {
        byte[] body = JSON.writeValueAsBytes(DemoGlanceServer.v2Body(IMAGE));
        JsonNode answer = v2Fault(bytes(concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n"), body)));
        assertThat(answer.get("uuid").asText()).isEqualTo(UUID_);
    }

    private static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(head);
        whole.writeBytes(body);
        return whole.toByteArray();
    }

    @Test
    void aBadTimestampIsAnInvalidResponse() throws Exception {
        Map<String, Object> bad = Images.with(IMAGE, "created_at", "yesterday at noon");
        JsonNode answer = v2Fault(bytes(json(200, JSON.writeValueAsBytes(DemoGlanceServer.v2Body(bad)))));
        assertThat(answer.get("error").asText()).isEqualTo("InvalidGlanceResponse");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (RawGlance elsewhere = new RawGlance(GOOD)) {
            JsonNode moved = v2Fault(bytes(ascii("HTTP/1.1 302 Found\r\nLocation: " + elsewhere.url()
                    + "/v2/images/" + UUID_ + "\r\nContent-Length: 0\r\n\r\n")));
            assertThat(moved.get("error").asText()).isEqualTo("GlanceError");
            JsonNode multiple = v2Fault(bytes(ascii("HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n")));
            assertThat(multiple.get("error").asText()).isEqualTo("InvalidGlanceResponse");
            assertThat(elsewhere.requests()).isZero();
        }
    }

    @Test
    void aServerThatNeverAnswersIsCutOffAtTheReadTimeout() throws Exception {
        JsonNode answer = v2Fault((request, socket, out) -> Thread.sleep(60_000));
        assertThat(answer.get("error").asText()).isEqualTo("GlanceConnectionFailed");
        assertThat(answer.get("message").asText()).contains("read timeout");
    }

    @Test
    void aServerThatTricklesItsBodyIsCutOffAtTheReadTimeout() throws Exception {
        byte[] body = JSON.writeValueAsBytes(DemoGlanceServer.v2Body(IMAGE));
        JsonNode answer = v2Fault((request, socket, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n"));
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(100); // every byte in time for a per-read timeout, the whole far too late
            }
        });
        assertThat(answer.get("error").asText()).isEqualTo("GlanceConnectionFailed");
        assertThat(answer.get("message").asText()).contains("read timeout");
    }

    @Test
    void aServerThatClosesMidResponseIsAConnectionFailure() throws Exception {
        JsonNode answer = v2Fault((request, socket, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"id\":"));
            out.flush();
            socket.close();
        });
        assertThat(answer.get("error").asText()).isEqualTo("GlanceConnectionFailed");
    }

    @Test
    void glancesCharsetDoesNotBecomeTheCharsetOfTheAnswer() throws Exception {
        Map<String, Object> named = Images.with(IMAGE, "name", "caf\u00e9 \u65e5\u672c");
        byte[] body = JSON.writeValueAsBytes(DemoGlanceServer.v2Body(named));
        try (RawGlance glance = new RawGlance(image(bytes(concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: "
                + "application/json; charset=iso-8859-1\r\nContent-Length: " + body.length + "\r\n\r\n"), body))));
                TestService service = service(glance, "2")) {
            var answer = service.httpGet("/images/" + UUID_);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("name").asText()).isEqualTo("caf\u00e9 \u65e5\u672c");
        }
    }

    @Test
    void aCompressedBodyIsReadAsSentNotUnzippedPastTheCap() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(JSON.writeValueAsBytes(DemoGlanceServer.v2Body(IMAGE)));
        }
        JsonNode answer = v2Fault(bytes(concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n"), zipped.toByteArray())));
        assertThat(answer.get("error").asText()).isEqualTo("InvalidGlanceResponse");
    }

    @Test
    void duplicateHeadersAreJoinedAsPythonDoes() throws Exception {
        JsonNode answer = v1Headers("x-image-meta-id: " + UUID_, "x-image-meta-status: active",
                "x-image-meta-is_public: True", "x-image-meta-name: first", "x-image-meta-name: second");
        assertThat(answer.get("name").asText()).isEqualTo("first, second");
    }

    @Test
    void invalidUtf8InAHeaderIsKeptAsLatin1Text() throws Exception {
        JsonNode answer = v1Headers("x-image-meta-id: " + UUID_, "x-image-meta-status: active",
                "x-image-meta-is_public: True", "x-image-meta-name: caf\u00e9\u00ff");
        assertThat(answer.get("uuid").asText()).isEqualTo(UUID_);
        assertThat(answer.get("name").asText()).startsWith("caf");
    }

    @Test
    void aHeaderLineOf64KibIsRead() throws Exception {
        JsonNode answer = v1Headers("x-image-meta-id: " + UUID_, "x-image-meta-status: active",
                "x-image-meta-is_public: True", "x-image-meta-property-big: " + "a".repeat(65536));
        assertThat(answer.get("properties").get("big").asText()).hasSize(65536);
    }

    @Test
    void headersOverTheClientsCapAreRefused() throws Exception {
        // the JDK client stops reading a header section over jdk.http.maxHeaderSize (384 KiB)
        JsonNode answer = v1Headers("x-image-meta-id: " + UUID_, "x-image-meta-status: active",
                "x-image-meta-property-huge: " + "a".repeat(512 * 1024));
        assertThat(answer.get("error").asText()).isEqualTo("GlanceConnectionFailed");
    }

    @Test
    void aBlockDeviceMappingThatIsNotJson() throws Exception {
        JsonNode answer = v1Headers("x-image-meta-id: " + UUID_, "x-image-meta-status: active",
                "x-image-meta-is_public: True", "x-image-meta-property-block_device_mapping: not [json");
        assertThat(answer.get("error").asText()).isEqualTo("InvalidGlanceResponse");
    }
}
