package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.arbitraries.StringArbitrary;
import org.glancelookup.support.FrontDoors;
import org.glancelookup.support.TestService;

/**
 * The generated part of the bad-input catalogue (jqwik): ids of no known form, EC2-looking ids with a bad number
 * part, over-long ids and tokens with control characters, each tried through every front door that can carry it,
 * each expecting its SPEC section 5 error and followed by a good lookup that must be answered. The explicit cases
 * are in {@link BadInputCatalogueTest}.
 */
class BadInputPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // characters no id form starts with: punctuation, blanks, controls and look-alikes of letters and digits
    private static final String NOT_A_FORM_START = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~ \t\r\n\u0000\u0007\u007f"
            + "\u00e9\u0430\u0391\u2010\u2011\u2212\uff10\uff21\u0661\u200b\ufeff";
    private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();
    private static FrontDoors doors;
    private static TestService service;
    private static String good;

    @BeforeContainer
    static void start() throws Exception {
        // tokens are forwarded with keystone: a bad one must not be
        doors = FrontDoors.start(Map.of("auth.strategy", "keystone"));
        service = doors.service();
        good = doors.good();
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.printf("bad-input properties (jqwik): %s bad inputs tried per front door;"
                + " a good request answered after each%n", new java.util.TreeMap<>(TRIED));
        assertThat(doors.nothingDeadLettered()).isTrue();
        doors.close();
    }

    @Provide
    Arbitrary<String> idsOfNoForm() {
        Arbitrary<String> start = Arbitraries.of(NOT_A_FORM_START.chars().mapToObj(c -> String.valueOf((char) c))
                .toList());
        Arbitrary<String> rest = Arbitraries.strings().withChars(NOT_A_FORM_START).alpha().numeric().withChars("-")
                .ofMaxLength(40);
        return Combinators.combine(start, rest).as(String::concat);
    }

    @Provide
    Arbitrary<String> ec2IdsWithABadNumber() {
        Arbitrary<String> prefix = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6);
        StringArbitrary hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF");
        Arbitrary<String> tooLong = hex.ofMinLength(17).ofMaxLength(40);
        Arbitrary<String> notHex = Combinators.combine(hex.ofMaxLength(8),
                Arbitraries.strings().withChars(NOT_A_FORM_START).withChars("ghxyzGHXYZ-").ofMinLength(1)
                        .ofMaxLength(3), hex.ofMaxLength(8)).as((a, bad, b) -> a + bad + b);
        Arbitrary<String> good = hex.ofMinLength(1).ofMaxLength(16);
        Arbitrary<String> withBadNumber = Combinators.combine(prefix, Arbitraries.oneOf(tooLong, notHex))
                .as((p, n) -> p + "-" + n);
        // a well-formed number after a prefix other than ami/aki/ari is no image id either
        Arbitrary<String> otherPrefix = Combinators.combine(prefix.filter(p -> !p.matches("(?i)a[mkr]i")), good)
                .as((p, n) -> p + "-" + n);
        return Arbitraries.oneOf(withBadNumber, otherPrefix).filter(id -> id.length() <= 255);
    }

    @Provide
    Arbitrary<String> overLongIds() {
        Arbitrary<String> start = Arbitraries.of("ami-", "aki-0", "1", good, "", "%2e%2e/");
        // at most 600 characters: longer, the HTTP request line passes Vert.x' 4 KiB cap and gets a plain 414
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("-_.~%:@!$&'()*+,;= \u00e9\u0430")
                .ofMinLength(256).ofMaxLength(600);
        return Combinators.combine(start, rest).as(String::concat);
    }

    @Provide
    Arbitrary<String> tokensWithAControlCharacter() {
        Arbitrary<String> text = Arbitraries.strings().alpha().numeric().withChars("-_.=+/").ofMaxLength(40);
        Arbitrary<Character> control = Arbitraries.chars().range('\u0000', '\u001f').with('\u007f');
        return Combinators.combine(text, control, text).as((a, c, b) -> a + c + b);
    }

    @Property(tries = 100)
    void idsOfNoKnownFormAreInvalidRequest(@ForAll("idsOfNoForm") String id) throws Exception {
        everyFrontDoor(id, "InvalidRequest");
    }

    @Property(tries = 100)
    void ec2LookingIdsWithABadNumberAreInvalidEc2Id(@ForAll("ec2IdsWithABadNumber") String id) throws Exception {
        everyFrontDoor(id, "InvalidEc2Id");
    }

    @Property(tries = 30)
    void idsOverTheLengthLimitAreInvalidRequest(@ForAll("overLongIds") String id) throws Exception {
        everyFrontDoor(id, "InvalidRequest");
    }

    @Property(tries = 50)
    void aTokenWithAControlCharacterIsRefusedAndNeverSentToGlance(@ForAll("tokensWithAControlCharacter") String token)
            throws Exception {
        String request = JSON.writeValueAsString(Map.of("image_id", good, "context", Map.of("auth_token", token)));
        int glanceRequests = doors.glance().requests().size();
        assertThat(errorOf(service.lookupBody(request))).isEqualTo("InvalidRequest");
        goodAnswerDirect();
        count("direct");
        assertThat(errorOf(doors.viaQueue(request))).isEqualTo("InvalidRequest");
        goodAnswerViaQueue();
        count("queue");
        // only the good lookups reached Glance, and none of them with the token
        assertThat(doors.glance().requests().subList(glanceRequests, doors.glance().requests().size()))
                .allSatisfy(r -> assertThat(r.header("X-Auth-Token")).isNull());
    }

    /** The bad id through direct:, the queue (as JSON, and bare where a bare id can carry it) and HTTP. */
    private static void everyFrontDoor(String id, String error) throws Exception {
        String json = JSON.writeValueAsString(Map.of("image_id", id));
        assertThat(errorOf(service.lookupBody(json))).as("direct").isEqualTo(error);
        goodAnswerDirect();
        count("direct");

        assertThat(errorOf(doors.viaQueue(json))).as("queue, JSON").isEqualTo(error);
        goodAnswerViaQueue();
        count("queue");
        if (!id.isEmpty() && !id.startsWith("{") && !id.startsWith("[") && !id.startsWith("\"")
                && id.strip().equals(id) && id.length() <= 255) {
            assertThat(errorOf(doors.viaQueue(id))).as("queue, bare").isEqualTo(error);
            goodAnswerViaQueue();
            count("queue");
        }

        // one path segment only: '/', '.' and '..' are routed by the path, not looked up (catalogue test)
        if (!id.isEmpty() && !id.contains("/") && !id.equals(".") && !id.equals("..")) {
            var response = service.httpGet("/images/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            assertThat(response.statusCode()).as("HTTP status").isEqualTo(400);
            assertThat(errorOf(response.body())).as("http").isEqualTo(error);
            assertThat(service.httpGet("/images/" + good).statusCode()).isEqualTo(200);
            count("http");
        }
    }

    private static void goodAnswerDirect() throws Exception {
        assertThat(JSON.readTree(service.lookupBody(good)).path("uuid").asText()).isEqualTo(good);
    }

    private static void goodAnswerViaQueue() throws Exception {
        assertThat(JSON.readTree(doors.viaQueue(good)).path("uuid").asText()).isEqualTo(good);
    }

    private static String errorOf(String answer) throws Exception {
        JsonNode node = JSON.readTree(answer);
        assertThat(node.path("message").asText()).doesNotContain("Exception").doesNotContain("\tat ");
        return node.path("error").asText();
    }

    private static void count(String frontDoor) {
        TRIED.computeIfAbsent(frontDoor, d -> new AtomicInteger()).incrementAndGet();
    }
}
