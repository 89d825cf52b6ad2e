package org.glancelookup.outside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.glancelookup.demo.DemoGlanceServer;
import org.glancelookup.lookup.LookupFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application outside this project, as a Camel team writes one: camel-main and its own YAML routes
 * (outside-app/routes.yaml: direct:in -> kamelet:glance-image-lookup-action -> mock:out), on this library alone:
 * this module's classpath has no service (no broker, no front doors, none of its routes or settings), so the
 * Kamelet and everything it runs come from the library. Glance is two demo servers (v1 and v2) on loopback, and
 * a server that answers whatever status a test tells it. ServiceBusy is the service's (its front doors' limits)
 * and IdentityUnavailable/IdentityRejected the service identity's: the step has none of them to give.
 */
class OutsideApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "7a0c3f5e-1b2d-4c6e-8f90-a1b2c3d4e5f6";
    private static final String IMAGE = "2f0e6a52-7c1d-4a4e-9d55-0b8a1f3c6e01";
    private static final String IMAGES = """
            [{"id": "%s", "name": "vmlinuz", "disk_format": "aki", "container_format": "aki",
              "visibility": "public", "status": "active", "size": 11451912,
              "checksum": "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
              "created_at": "2024-04-25T10:10:00Z", "updated_at": "2024-04-25T10:11:00Z"},
             {"id": "%s", "name": "ubuntu-22.04", "disk_format": "qcow2", "container_format": "bare",
              "visibility": "public", "status": "active", "size": 676331520, "kernel_id": "%s",
              "os_distro": "ubuntu", "checksum": "5a1d4e4f1f0a8e2b6c3d7e9f0a1b2c3d",
              "created_at": "2024-04-25T10:12:31Z", "updated_at": "2024-04-25T10:14:02Z"}]
            """.formatted(KERNEL, IMAGE, KERNEL);

    private static DemoGlanceServer glanceA;
    private static DemoGlanceServer glanceB;
    private static FixedAnswerGlance unavailable;
    private static FixedAnswerGlance fixed;
    private static Main app;
    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void startTheApplication() throws Exception {
        byte[] schema;
        try (InputStream in = OutsideApplicationTest.class.getClassLoader()
                .getResourceAsStream("demo/schema-image.json")) {
            schema = in.readAllBytes();
        }
        List<Map<String, Object>> images = JSON.readValue(IMAGES, new TypeReference<>() { });
        glanceA = new DemoGlanceServer(images, schema, JSON, 0);
        glanceB = new DemoGlanceServer(images, schema, JSON, 0);
        glanceA.start();
        glanceB.start();
        unavailable = new FixedAnswerGlance().answer(503, "");
        fixed = new FixedAnswerGlance();
        app = new Main();
        app.configure().withRoutesIncludePattern("classpath:outside-app/routes.yaml");
        app.addOverrideProperty("glance.servers", glanceA.url() + "," + glanceB.url());
        app.addOverrideProperty("unavailable.server", unavailable.url());
        app.addOverrideProperty("fixed.server", fixed.url());
        // nothing listens there: the mapping store is down
        app.addOverrideProperty("store.down.url", "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=1");
        app.start();
        context = app.getCamelContext();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        app.stop();
        glanceA.close();
        glanceB.close();
        unavailable.close();
        fixed.close();
    }

    @BeforeEach
    void resetMocks() {
        MockEndpoint.resetMocks(context);
    }

    @Test
    void looksAnImageUpOverV2AndAgainByItsEc2Id() throws Exception {
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedMessageCount(2);
        template.sendBody("direct:in", IMAGE);
        JsonNode byUuid = JSON.readTree(out.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        String ec2Id = byUuid.path("ec2_id").asText();
        template.sendBody("direct:in", "{\"image_id\": \"" + ec2Id + "\", \"request_id\": \"req-outside-1\"}");
        out.assertIsSatisfied();

        assertThat(byUuid.path("uuid").asText()).isEqualTo(IMAGE);
        assertThat(byUuid.path("name").asText()).isEqualTo("ubuntu-22.04");
        assertThat(byUuid.path("id").isInt()).as("the internal id the step's own mapping store gave it").isTrue();
        assertThat(ec2Id).isEqualTo(String.format("ami-%08x", byUuid.path("id").asInt()));
        assertThat(byUuid.path("properties").path("kernel_id").isInt()).as("kernel uuid -> internal id").isTrue();
        Exchange byEc2Id = out.getReceivedExchanges().get(1);
        assertThat(JSON.readTree(byEc2Id.getMessage().getBody(String.class))).isEqualTo(byUuid);
        assertThat(byEc2Id.getMessage().getHeader("GlanceApiVersion")).isEqualTo(2);
        assertThat(byEc2Id.getMessage().getHeader("GlanceServer", String.class)).isIn(glanceA.url(), glanceB.url());
        assertThat(byEc2Id.getMessage().getHeader("LookupRequestId")).isEqualTo("req-outside-1");
        assertThat(byEc2Id.getMessage().getHeaders()).containsKey("GlanceRequestId");
    }

    @Test
    void looksAnImageUpOverV1() throws Exception {
        MockEndpoint out = context.getEndpoint("mock:out-v1", MockEndpoint.class);
        out.expectedMessageCount(1);
        template.sendBody("direct:v1", Map.of("image_id", IMAGE));
        out.assertIsSatisfied();
        Exchange answer = out.getReceivedExchanges().get(0);
        JsonNode metadata = JSON.readTree(answer.getMessage().getBody(String.class));
        assertThat(metadata.path("uuid").asText()).isEqualTo(IMAGE);
        assertThat(metadata.path("name").asText()).isEqualTo("ubuntu-22.04");
        assertThat(metadata.path("is_public").asBoolean()).isTrue();
        assertThat(metadata.path("size").asLong()).isEqualTo(676331520L);
        assertThat(answer.getMessage().getHeader("GlanceApiVersion")).isEqualTo(1);
    }

    @Test
    void anUnavailableServerIsRetriedOnTheNext() throws Exception {
        MockEndpoint out = context.getEndpoint("mock:retried", MockEndpoint.class);
        out.expectedMessageCount(1);
        int before = unavailable.imageRequests();
        Exchange done = template.send("direct:retry", e -> e.getMessage().setBody(IMAGE));
        out.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        assertThat(unavailable.imageRequests() - before).as("the first attempt, on the unavailable server").isOne();
        assertThat(out.getReceivedExchanges().get(0).getMessage().getHeader("GlanceServer"))
                .as("the retry, on the next server").isEqualTo(glanceA.url());
    }

    @Test
    void everyErrorTheStepGivesFailsTheExchangeOrIsTheAnswer() throws Exception {
        record Case(String error, String message, int status, String body, String request) {
        }
        List<Case> cases = List.of(
                new Case("InvalidRequest", "", 0, "", "not an image id"),
                new Case("InvalidEc2Id", "Ec2 id ami-xyz is unacceptable.", 0, "", "ami-xyz"),
                new Case("ImageNotFound", "Image ami-000000ff could not be found.", 0, "", "ami-000000ff"),
                new Case("ImageNotFound", "Image " + IMAGE + " could not be found.", 404, "", IMAGE),
                new Case("ImageNotAuthorized", "Not authorized for image " + IMAGE + ".", 403, "", IMAGE),
                new Case("ImageBadRequest", "", 400, "bad", IMAGE),
                new Case("ImageQuotaExceeded", "", 413, "", IMAGE),
                new Case("GlanceConnectionFailed", "Connection to glance host " + fixed.url(), 503, "", IMAGE),
                new Case("InvalidGlanceResponse", "", 200, "not json", IMAGE),
                new Case("GlanceError", "", 500, "", IMAGE));
        for (Case c : cases) {
            fixed.answer(c.status == 0 ? 200 : c.status, c.body);
            assertFailure(c.error, c.message, "direct:fixed", "mock:fixed", "direct:fixed-as-json", "mock:answers",
                    c.request);
        }
    }

    @Test
    void aMappingStoreThatIsDownIsMappingStoreUnavailable() throws Exception {
        assertFailure("MappingStoreUnavailable", "The image id mapping store is unavailable", "direct:store-down",
                "mock:store-down", "direct:store-down-as-json", "mock:store-down-answers", "ami-00000001");
    }

    /** The exchange fails with LookupFailure; with throwExceptionOnFailure=false the error JSON goes on instead. */
    private static void assertFailure(String error, String message, String throwing, String throwingMock,
            String answering, String answeringMock, String request) throws Exception {
        MockEndpoint notReached = context.getEndpoint(throwingMock, MockEndpoint.class);
        notReached.reset();
        notReached.expectedMessageCount(0);
        Exchange failed = template.send(throwing, e -> e.getMessage().setBody(request));
        assertThat(failed.getException()).as(error).isInstanceOf(LookupFailure.class);
        LookupFailure failure = (LookupFailure) failed.getException();
        assertThat(failure.error().name()).as(request).isEqualTo(error);
        assertThat(failure.getMessage()).as(error).startsWith(message);
        notReached.assertIsSatisfied();

        MockEndpoint answers = context.getEndpoint(answeringMock, MockEndpoint.class);
        answers.reset();
        answers.expectedMessageCount(1);
        Exchange answered = template.send(answering, e -> e.getMessage().setBody(request));
        answers.assertIsSatisfied();
        assertThat(answered.getException()).isNull();
        Exchange answer = answers.getReceivedExchanges().get(0);
        assertThat(answer.getMessage().getHeader("GlanceLookupError")).isEqualTo(error);
        JsonNode json = JSON.readTree(answer.getMessage().getBody(String.class));
        assertThat(json.path("error").asText()).isEqualTo(error);
        // the same text from the other instance (a pool's timeout may say 5000ms or 5001ms)
        assertThat(json.path("message").asText().replaceAll("\\d+ms", "Nms"))
                .isEqualTo(failure.getMessage().replaceAll("\\d+ms", "Nms"));
        assertThat(json.path("image_id").asText()).isEqualTo(request);
    }
}
