package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.LogCapture;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/** The caller's token goes to Glance only with auth.strategy=keystone, and never into a log line or an answer. */
class TokenHandlingTest {
    private static final String TOKEN = "gAAAAABsecret-token-7f3a9c";

    private static String json(String imageId) {
        return "{\"image_id\": \"" + imageId + "\", \"context\": {\"auth_token\": \"" + TOKEN
                + "\", \"project_id\": \"p1\"}, \"request_id\": \"req-token-test\"}";
    }

    @Test
    void keystoneForwardsTheTokenNoauthDoesNot() throws Exception {
        for (String strategy : List.of("keystone", "noauth")) {
            try (GlanceStandIn glance = new GlanceStandIn("g")) {
                String uuid = UUID.randomUUID().toString();
                glance.image(Images.with(Images.publicImage(uuid, "private"), "visibility", "private"));
                try (TestService service = TestService.start(
                        "glance.api-servers", glance.url(),
                        "auth.strategy", strategy)) {
                    String answer = service.lookupBody(json(uuid));
                    // a token makes a private image available (Nova: the request is authenticated)
                    assertThat(answer).contains("\"uuid\":\"" + uuid + "\"").doesNotContain(TOKEN);
                    var http = service.httpGet("/images/" + uuid, "X-Auth-Token", TOKEN);
                    assertThat(http.statusCode()).isEqualTo(200);
                    assertThat(http.body()).doesNotContain(TOKEN);
                    assertThat(http.headers().map().values().toString()).doesNotContain(TOKEN);
                }
                List<String> sent = glance.imageRequests().stream().map(r -> r.header("X-Auth-Token")).toList();
                if (strategy.equals("keystone")) {
                    assertThat(sent).hasSize(2).containsOnly(TOKEN);
                } else {
                    assertThat(sent).hasSize(2).containsOnlyNulls();
                }
            }
        }
    }

    @Test
    void trustedHeadersCarryTheCallersIdentity() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            String uuid = UUID.randomUUID().toString();
            glance.image(Images.publicImage(uuid, "any"));
            try (TestService service = TestService.start(
                    "glance.api-servers", glance.url(),
                    "auth.strategy", "trusted-headers")) {
                service.httpGet("/images/" + uuid, "X-Project-Id", "p9", "X-User-Id", "u9", "X-Roles", "member");
            }
            GlanceStandIn.Request sent = glance.imageRequests().get(0);
            assertThat(sent.header("X-Identity-Status")).isEqualTo("Confirmed");
            assertThat(sent.header("X-Project-Id")).isEqualTo("p9");
            assertThat(sent.header("X-User-Id")).isEqualTo("u9");
            assertThat(sent.header("X-Roles")).isEqualTo("member");
            assertThat(sent.header("X-Auth-Token")).isNull();
        }
    }

    @Test
    void theTokenIsInNoLogLineAndNoErrorAnswerEvenAtDebug() throws Exception {
        String dead = "http://127.0.0.1:" + FreePorts.next();
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            String ok = UUID.randomUUID().toString();
            String forbidden = UUID.randomUUID().toString();
            glance.image(Images.publicImage(ok, "ok")).answer(forbidden, 403);
            try (LogCapture logs = LogCapture.at(Level.DEBUG); TestService service = TestService.start(
                    "glance.api-servers", dead + "," + glance.url(),
                    "glance.num-retries", "1",
                    "auth.strategy", "keystone")) {
                List<String> answers = List.of(
                        service.lookupBody(json(ok)),
                        service.lookupBody(json(forbidden)),
                        service.lookupBody(json("ami-0000ffff")),
                        service.lookupBody(json("vol-1")),
                        service.lookupBody("{\"image_id\": 1, \"context\": {\"auth_token\": \"" + TOKEN + "\"}}"),
                        service.httpGet("/images/" + forbidden, "X-Auth-Token", TOKEN).body(),
                        service.httpGet("/images/nonsense", "X-Auth-Token", TOKEN).body());
                assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(TOKEN));
                assertThat(answers.get(1)).contains("ImageNotAuthorized");
                assertThat(logs.lines()).isNotEmpty();
                assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
                assertThat(logs.lines()).anyMatch(line -> line.contains("Error contacting glance server"));
            }
        }
    }
}
