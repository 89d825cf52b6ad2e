package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.glancelookup.support.FrontDoors;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The generated part of the bad-input catalogue (QuickTheories): ids of no known form, EC2-looking ids with a bad
 * number part, over-long ids and tokens with control characters, each tried through every front door that can
 * carry it, each expecting its SPEC section 5 error and followed by a good lookup that must be answered. The
 * explicit cases are in {@link BadInputCatalogueTest}. The seed is printed; -Dbadinput.seed=N runs the same inputs.
 */
class BadInputPropertiesTest {
    // characters no id form starts with: punctuation, blanks, controls and look-alikes of letters and digits
    private static final String NOT_A_FORM_START = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~ \t\r\n\u0000\u0007\u007f"
            + "\u00e9\u0430\u0391\u2010\u2011\u2212\uff10\uff21\u0661\u200b\ufeff";
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final long SEED = Long.getLong("badinput.seed", System.nanoTime());
    private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();
    private static FrontDoors doors;
    private static TestService service;
    private static String good;

    @BeforeAll
    static void start() throws Exception {
        // tokens are forwarded with keystone: a bad one must not be
        doors = FrontDoors.start(Map.of("auth.strategy", "keystone"));
        service = doors.service();
        good = doors.good();
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.printf("bad-input properties (QuickTheories, seed %d): %s bad inputs tried per front door;"
                + " a good request answered after each%n", SEED, new TreeMap<>(TRIED));
        assertThat(doors.nothingDeadLettered()).isTrue();
        doors.close();
    }

    /** The given number of examples from the run's seed; a failure is shrunk a little, each try being lookups. */
    private static QuickTheory examples(int count) {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(count).withShrinkCycles(20);
    }

    /** Strings of min..max characters of the alphabet. */
    private static Gen<String> strings(String alphabet, int min, int max) {
        return Generate.intArrays(Generate.range(min, max), Generate.range(0, alphabet.length() - 1))
                .map(picks -> Arrays.stream(picks).mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                        .collect(Collectors.joining()));
    }

    private static Gen<String> oneCharOf(String alphabet) {
        return strings(alphabet, 1, 1);
    }

    static Gen<String> idsOfNoForm() {
        return oneCharOf(NOT_A_FORM_START).zip(strings(NOT_A_FORM_START + ALPHA + DIGITS + "-", 0, 40),
                String::concat);
    }

    static Gen<String> ec2IdsWithABadNumber() {
        Gen<String> prefix = strings(ALPHA, 1, 6);
        Gen<String> tooLong = strings(HEX, 17, 40);
        Gen<String> notHex = strings(HEX, 0, 8).zip(strings(NOT_A_FORM_START + "ghxyzGHXYZ-", 1, 3),
                strings(HEX, 0, 8), (a, bad, b) -> a + bad + b);
        Gen<String> withBadNumber = prefix.zip(Generate.oneOf(tooLong, notHex), (p, n) -> p + "-" + n);
        // a well-formed number after a prefix other than ami/aki/ari is no image id either
        Gen<String> otherPrefix = prefix.assuming(p -> !p.matches("(?i)a[mkr]i")).zip(strings(HEX, 1, 16),
                (p, n) -> p + "-" + n);
        return Generate.oneOf(withBadNumber, otherPrefix).assuming(id -> id.length() <= 255);
    }

    static Gen<String> overLongIds() {
        Gen<String> start = Generate.pick(List.of("ami-", "aki-0", "1", good, "", "%2e%2e/"));
        // at most 600 characters: longer, the HTTP request line passes Vert.x' 4 KiB cap and gets a plain 414
        return start.zip(strings(ALPHA + DIGITS + "-_.~%:@!$&'()*+,;= \u00e9\u0430", 256, 600), String::concat);
    }

    static Gen<String> tokensWithAControlCharacter() {
        Gen<String> text = strings(ALPHA + DIGITS + "-_.=+/", 0, 40);
        StringBuilder controls = new StringBuilder("\u007f");
        for (char c = '\u0000'; c <= '\u001f'; c++) {
            controls.append(c);
        }
        return text.zip(oneCharOf(controls.toString()), text, (a, c, b) -> a + c + b);
    }

    @Test
    void idsOfNoKnownFormAreInvalidRequest() {
        examples(100).forAll(idsOfNoForm()).checkAssert(each(id -> everyFrontDoor(id, "InvalidRequest")));
    }

    @Test
    void ec2LookingIdsWithABadNumberAreInvalidEc2Id() {
        examples(100).forAll(ec2IdsWithABadNumber()).checkAssert(each(id -> everyFrontDoor(id, "InvalidEc2Id")));
    }

    @Test
    void idsOverTheLengthLimitAreInvalidRequest() {
        examples(30).forAll(overLongIds()).checkAssert(each(id -> everyFrontDoor(id, "InvalidRequest")));
    }

    @Test
    void aTokenWithAControlCharacterIsRefusedAndNeverSentToGlance() {
        examples(50).forAll(tokensWithAControlCharacter()).checkAssert(each(token -> {
            String request = JSON.writeValueAsString(Map.of("image_id", good, "context",
                    Map.of("auth_token", token)));
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
        }));
    }

    /** A check that calls the service (checked exceptions) as QuickTheories' assertion. */
    private static <T> Consumer<T> each(ThrowingConsumer<T> check) {
        return input -> {
            try {
                check.accept(input);
            } catch (AssertionError failed) {
                throw failed;
            } catch (Throwable failed) {
                throw new AssertionError(failed);
            }
        };
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
