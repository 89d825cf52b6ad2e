package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.glancelookup.support.DemoService;
import org.glancelookup.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that Vert.x refuses before any route runs are answered with the InvalidRequest JSON (HTTP 400), written
 * as raw bytes on a socket so that nothing is cleaned up on the way. What stays without a body is in the README.
 */
class HttpRefusalsTest {
    private static final String HOST = "Host: 127.0.0.1\r\n";
    @RegisterExtension
    static final DemoService SERVICE = new DemoService();

    static Stream<Arguments> refused() {
        String longLine = "GET /images/" + "a".repeat(5000) + " HTTP/1.1\r\n" + HOST + "\r\n";
        String bigHeaders = "GET /images/ami-00000001 HTTP/1.1\r\n" + HOST + "X-Big: " + "a".repeat(9000) + "\r\n\r\n";
        return Stream.of(
                Arguments.of("bad percent-encoding in the path", "GET /images/ab%zz HTTP/1.1\r\n" + HOST + "\r\n",
                        "could not be decoded"),
                Arguments.of("truncated percent-encoding in the path", "GET /images/ab% HTTP/1.1\r\n" + HOST + "\r\n",
                        "could not be decoded"),
                Arguments.of("bad percent-encoding in the query",
                        "GET /images/ami-00000001?x=%zz HTTP/1.1\r\n" + HOST + "\r\n", "could not be decoded"),
                Arguments.of("a request line over 4 KiB", longLine, "request line is longer than 4096 bytes"),
                Arguments.of("headers over 8 KiB", bigHeaders, "headers are larger than 8192 bytes"),
                Arguments.of("a request line that is not HTTP", "GARBAGE\r\n\r\n", "line or headers could not be read"),
                Arguments.of("a header line without a colon",
                        "GET /images/ami-00000001 HTTP/1.1\r\n" + HOST + "no colon here\r\n\r\n",
                        "line or headers could not be read"),
                Arguments.of("no Host header", "GET /images/ami-00000001 HTTP/1.1\r\n\r\n", "'Host' header is required"),
                Arguments.of("a path without a leading slash", "GET images/ami-00000001 HTTP/1.1\r\n" + HOST + "\r\n",
                        "must start with '/'"),
                Arguments.of("a body over the limit", "GET /images/ami-00000001 HTTP/1.1\r\n" + HOST
                        + "Content-Length: 70000\r\n\r\n" + "x".repeat(70000), "larger than 65536 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isAnsweredWithTheErrorJson(String kind, String request, String why) throws Exception {
        String answer = send(request);
        assertThat(answer).as(kind).startsWith("HTTP/1.").contains(" 400 Bad Request\r\n")
                .containsIgnoringCase("\r\nContent-Type: application/json; charset=utf-8\r\n");
        JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(error.path("error").asText()).isEqualTo("InvalidRequest");
        assertThat(error.path("message").asText()).contains(why);
        assertThat(error.has("image_id") && error.has("request_id")).as("the SPEC section 5 shape").isTrue();
        System.out.println("refused request checked: " + kind + " -> 400 " + error.path("message").asText());
    }

    /**
     * What Vert.x answers before any handler of ours can (README "Security"): an HTTP version other than 1.0/1.1
     * gets a bodiless 501, and a chunked body that cannot be decoded closes the connection unanswered.
     */
    @Test
    void whatStaysWithoutABodyIsAsTheReadmeSays() throws Exception {
        assertThat(send("GET /images/ami-00000001 HTTP/9.9\r\n" + HOST + "\r\n"))
                .startsWith("HTTP/9.9 501 Not Implemented\r\n").contains("content-length: 0\r\n");
        assertThat(send("GET /images/ami-00000001 HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nabc\r\n0\r\n\r\n")).isEmpty();
        // the service is unharmed: the next request is answered
        assertThat(send("GET /images/ami-00000001 HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK\r\n");
    }

    private static String send(String request) throws Exception {
        return RawHttp.send(Integer.parseInt(SERVICE.get().setting("lookup.http.port")), request, false);
    }
}
