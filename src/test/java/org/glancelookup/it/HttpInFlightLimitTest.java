package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * lookup.http.max-in-flight: the HTTP front door answers at most that many lookups at once, ServiceBusy beyond. The
 * limit here, 30, is above Vert.x' default of 20 worker threads, which platform-http holds one per request.
 */
class HttpInFlightLimitTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int LIMIT = 30;
    private static GlanceStandIn glance;
    private static TestService service;
    private static String image;

    @BeforeAll
    static void start() throws Exception {
        glance = new GlanceStandIn("g");
        image = UUID.randomUUID().toString();
        glance.image(Images.publicImage(image, "held"));
        service = TestService.start(
                "glance.api-servers", glance.url(),
                "lookup.http.max-in-flight", String.valueOf(LIMIT));
    }

    @AfterAll
    static void stop() throws Exception {
        glance.release();
        service.close();
        glance.close();
    }

    private static CompletableFuture<HttpResponse<String>> get(String id, String requestId) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.setting("lookup.http.port") + "/images/" + id))
                .header("X-OpenStack-Request-ID", requestId).header("X-Auth-Token", "tok-" + requestId).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLookupOverTheLimitIsAnsweredServiceBusyAtOnceAndTheOthersFinish() throws Exception {
        glance.hold();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            held.add(get(image, "req-held-" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> glance.waiting() == LIMIT);
        assertThat(service.httpGet("/metrics").body()).contains("glance_http_lookups_in_flight " + LIMIT + ".0");
        // the operator's endpoints still answer while every place is taken
        assertThat(service.httpGet("/health/live").statusCode()).isEqualTo(200);

        HttpResponse<String> busy = get(image, "req-busy").get(10, TimeUnit.SECONDS);
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");
        assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(busy.headers().map().toString()).as("no request header comes back").doesNotContain("tok-");
        JsonNode answer = JSON.readTree(busy.body());
        assertThat(answer.path("error").asText()).isEqualTo("ServiceBusy");
        assertThat(answer.path("message").asText()).contains(LIMIT + " HTTP lookups in flight");
        assertThat(answer.path("image_id").asText()).isEqualTo(image);
        assertThat(answer.path("request_id").asText()).isEqualTo("req-busy");
        assertThat(glance.waiting()).as("the refused lookup never reached Glance").isEqualTo(LIMIT);

        glance.release();
        for (CompletableFuture<HttpResponse<String>> response : held) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.get().body()).path("uuid").asText()).isEqualTo(image);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> service.httpGet("/metrics").body()
                .contains("glance_http_lookups_in_flight 0.0"));
        String metrics = service.httpGet("/metrics").body();
        assertThat(metrics).contains("glance_lookups_total{outcome=\"ServiceBusy\"} 1.0");
        // an overload is not an answer about the image: it goes to the caller only, not to the errors queue
        assertThat(service.context().createConsumerTemplate().receiveBody(
                "jms:queue:glance.image.lookup.errors?selector=LookupError='ServiceBusy'", 500, String.class)).isNull();
    }

    @Test
    void everyWayALookupEndsReturnsItsPlace() throws Exception {
        // failures of every kind, more than the limit, one after another: none may keep its place
        String missing = UUID.randomUUID().toString();
        glance.answer(missing, 404);
        for (int i = 0; i <= LIMIT; i++) {
            assertThat(service.httpGet("/images/" + missing).statusCode()).isEqualTo(404);
            assertThat(service.httpGet("/images/ami-zz").statusCode()).isEqualTo(400);
            assertThat(service.httpGet("/images/ami-00000fff").statusCode()).isEqualTo(404);
        }
        glance.answerAll(503);
        for (int i = 0; i <= LIMIT; i++) {
            assertThat(service.httpGet("/images/" + image).statusCode()).isEqualTo(503);
        }
        glance.answerAll(0);
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            parallel.add(get(image, "req-after-" + i));
        }
        for (CompletableFuture<HttpResponse<String>> response : parallel) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        // a place is given back when the exchange completes, just after its answer is written
        await().atMost(Duration.ofSeconds(5)).until(() -> service.httpGet("/metrics").body()
                .contains("glance_http_lookups_in_flight 0.0"));
    }
}
