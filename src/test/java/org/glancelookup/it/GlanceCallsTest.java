package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Load Balancer and the redelivery policy together, against three real HTTP stand-ins: which server gets
 * which attempt, what is retried and what is not, and how each Glance status is answered.
 */
class GlanceCallsTest {
    private static GlanceStandIn a;
    private static GlanceStandIn b;
    private static GlanceStandIn c;
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        a = new GlanceStandIn("a");
        b = new GlanceStandIn("b");
        c = new GlanceStandIn("c");
        service = TestService.start(
                "glance.api-servers", a.url() + "," + b.url() + "," + c.url(),
                "glance.num-retries", "2");
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        Stream.of(a, b, c).forEach(GlanceStandIn::close);
    }

    /** The servers that received image requests for this id, in the order they received them. */
    private static List<String> attemptsFor(String uuid) {
        return Stream.of(a, b, c).flatMap(s -> s.imageRequests().stream())
                .filter(r -> r.path().endsWith(uuid))
                .sorted(Comparator.comparingLong(GlanceStandIn.Request::seq))
                .map(GlanceStandIn.Request::server).toList();
    }

    private static String newImage() {
        String uuid = UUID.randomUUID().toString();
        Stream.of(a, b, c).forEach(s -> s.image(Images.publicImage(uuid, "img-" + uuid)));
        return uuid;
    }

    private static void assertConsecutive(List<String> servers) {
        List<String> ring = List.of("a", "b", "c");
        for (int i = 1; i < servers.size(); i++) {
            int previous = ring.indexOf(servers.get(i - 1));
            assertThat(servers.get(i)).as("attempt %d follows %s in round robin", i + 1, servers.get(i - 1))
                    .isEqualTo(ring.get((previous + 1) % 3));
        }
    }

    @Test
    void lookupsTakeTheServersInRoundRobin() {
        String uuid = newImage();
        for (int i = 0; i < 6; i++) {
            assertThat(service.lookup(uuid).getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isNull();
        }
        List<String> attempts = attemptsFor(uuid);
        assertThat(attempts).hasSize(6);
        assertConsecutive(attempts);
        assertThat(attempts).containsOnly("a", "b", "c");
    }

    @Test
    void unavailableServersAreRetriedOnTheNextServerUntilOneAnswers() throws Exception {
        String uuid = newImage();
        a.answer(uuid, 503);
        b.answer(uuid, 503);

        Exchange answer = service.lookup(uuid);

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isNull();
        assertThat(answer.getMessage().getHeader("GlanceServer")).isEqualTo(c.url());
        assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).get("uuid").asText()).isEqualTo(uuid);
        List<String> attempts = attemptsFor(uuid);
        assertThat(attempts).isNotEmpty().endsWith("c").hasSizeLessThanOrEqualTo(3);
        assertConsecutive(attempts);
    }

    @Test
    void afterOnePlusNumRetriesUnavailableAttemptsTheLookupFailsWithGlanceConnectionFailed() throws Exception {
        String uuid = newImage();
        Stream.of(a, b, c).forEach(s -> s.answer(uuid, 503));

        Exchange answer = service.lookup(uuid);

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        JsonNode error = JSON.readTree(answer.getMessage().getBody(String.class));
        assertThat(error.get("error").asText()).isEqualTo("GlanceConnectionFailed");
        List<String> attempts = attemptsFor(uuid);
        assertThat(attempts).hasSize(3).containsOnly("a", "b", "c");
        assertConsecutive(attempts);
        String last = Stream.of(a, b, c).filter(s -> s.name().equals(attempts.get(2))).findFirst().orElseThrow().url();
        assertThat(error.get("message").asText())
                .isEqualTo("Connection to glance host " + last + " failed: HTTP HTTPServiceUnavailable");
    }

    @Test
    void otherStatusesAreNeverRetried() throws Exception {
        String uuid = newImage();
        Stream.of(a, b, c).forEach(s -> s.answer(uuid, 500));

        Exchange answer = service.lookup(uuid);

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(502);
        assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).get("error").asText())
                .isEqualTo("GlanceError");
        assertThat(attemptsFor(uuid)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"404,ImageNotFound,404", "401,ImageNotAuthorized,403", "403,ImageNotAuthorized,403",
        "400,ImageBadRequest,400", "413,ImageQuotaExceeded,429", "300,InvalidGlanceResponse,502",
        "418,GlanceError,502", "502,GlanceError,502"})
    void glanceStatusesBecomeSpecErrors(int glanceStatus, String error, int httpStatus) throws Exception {
        String uuid = newImage();
        Stream.of(a, b, c).forEach(s -> s.answer(uuid, glanceStatus));

        var response = service.httpGet("/images/" + uuid, "X-OpenStack-Request-ID", "req-status-" + glanceStatus);

        assertThat(response.statusCode()).isEqualTo(httpStatus);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("image_id").asText()).isEqualTo(uuid);
        assertThat(body.get("request_id").asText()).isEqualTo("req-status-" + glanceStatus);
        assertThat(attemptsFor(uuid)).hasSize(1);
        if (glanceStatus == 404) {
            assertThat(body.get("message").asText()).isEqualTo("Image " + uuid + " could not be found.");
        }
        if (glanceStatus == 403) {
            assertThat(body.get("message").asText()).isEqualTo("Not authorized for image " + uuid + ".");
        }
    }

    @Test
    void theRequestIdTravelsToGlanceAndTheServersRequestIdComesBack() throws Exception {
        String uuid = newImage();
        var response = service.httpGet("/images/" + uuid, "X-OpenStack-Request-ID", "req-trace-1");
        assertThat(response.statusCode()).isEqualTo(200);
        List<GlanceStandIn.Request> requests = new ArrayList<>();
        Stream.of(a, b, c).forEach(s -> requests.addAll(s.imageRequests().stream()
                .filter(r -> r.path().endsWith(uuid)).toList()));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).method()).isEqualTo("GET");
        assertThat(requests.get(0).path()).isEqualTo("/v2/images/" + uuid);
        assertThat(requests.get(0).header("X-OpenStack-Request-ID")).isEqualTo("req-trace-1");
        assertThat(response.headers().firstValue("GlanceRequestId")).hasValueSatisfying(id -> id.startsWith("req-"));
        assertThat(response.headers().firstValue("LookupRequestId")).hasValue("req-trace-1");
    }
}
