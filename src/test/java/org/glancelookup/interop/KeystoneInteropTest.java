package org.glancelookup.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.JmxAttributes;
import org.glancelookup.support.LogCapture;
import org.glancelookup.support.TcpProxy;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service's own identity (auth.strategy=service, SPEC section 9) against a real Keystone (Debian's, Zed;
 * scripts/real-keystone.sh) and a real Glance that checks every token with keystonemiddleware
 * (scripts/real-glance.sh --keystone): lookups by password and by application credential, a token revoked
 * early, refused credentials, Keystone out of reach and back, Keystone stopped and started again, tokens expiring
 * under load (Keystone's tokens live 20 s here), and the Glance servers found in the catalog: two Glances (the same
 * seeded images), one of which leaves the catalog and comes back while lookups go on.
 */
@Tag("interop")
class KeystoneInteropTest {
    private static final Path KEYSTONE_DIR = Path.of("target", "real-keystone-it");
    private static final Path GLANCE_DIR = Path.of("target", "real-glance-keystone-it");
    private static final Path SECOND_GLANCE_DIR = Path.of("target", "real-glance-keystone-it-2");
    private static final Pattern SERVER_ROUTE = Pattern.compile("glance-lookup-glance-server-\\d+");
    private static final int TOKEN_LIFE_S = 20;
    private static final AtomicInteger LOOKUPS = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static JsonNode keystone;
    private static JsonNode seed;
    private static JsonNode secondSeed;
    private static int tokenRefreshes;

    @BeforeAll
    static void startKeystoneAndGlance() throws Exception {
        script("real-keystone.sh", "start", "--port", String.valueOf(FreePorts.next()), "--dir",
                KEYSTONE_DIR.toString(), "--token-expiration", String.valueOf(TOKEN_LIFE_S));
        keystone = JSON.readTree(KEYSTONE_DIR.resolve("keystone.json").toFile());
        script("real-glance.sh", "start", "--port", String.valueOf(FreePorts.next()), "--dir", GLANCE_DIR.toString(),
                "--keystone", KEYSTONE_DIR.toString());
        seed = JSON.readTree(GLANCE_DIR.resolve("seed.json").toFile());
        script("real-glance.sh", "start", "--port", String.valueOf(FreePorts.next()), "--dir",
                SECOND_GLANCE_DIR.toString(), "--keystone", KEYSTONE_DIR.toString());
        secondSeed = JSON.readTree(SECOND_GLANCE_DIR.resolve("seed.json").toFile());
    }

    @AfterAll
    static void stopThem() throws Exception {
        System.out.println("keystone interop: " + LOOKUPS.get() + " lookups, " + tokenRefreshes
                + " token refreshes, " + FAILED.get() + " failed");
        script("real-glance.sh", "stop", "--dir", GLANCE_DIR.toString(), "--keystone", KEYSTONE_DIR.toString());
        script("real-glance.sh", "stop", "--dir", SECOND_GLANCE_DIR.toString(), "--keystone",
                KEYSTONE_DIR.toString());
        script("real-keystone.sh", "stop", "--dir", KEYSTONE_DIR.toString());
    }

    private static void script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + name));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static String image(String name) {
        return seed.at("/images/" + name + "/id").asText();
    }

    private static String lookup(String key) {
        return keystone.at("/lookup/" + key).asText();
    }

    /** The service as a service user: glance.api-servers is the real Glance, its identity the given one. */
    private static TestService service(String authUrl, String... credentials) throws Exception {
        List<String> settings = new ArrayList<>(List.of(
                "glance.api-servers", seed.get("url").asText(),
                "glance.num-retries", "1",
                "auth.strategy", "service",
                "keystone.auth-url", authUrl));
        settings.addAll(List.of(credentials));
        return TestService.start(settings.toArray(String[]::new));
    }

    /** The service with no glance.api-servers: its Glance servers are the catalog's image endpoints. */
    private static TestService catalogService(String... more) throws Exception {
        List<String> settings = new ArrayList<>(List.of(
                "glance.api-servers", "",
                "glance.num-retries", "1",
                "auth.strategy", "service",
                "keystone.auth-url", keystone.get("auth_url").asText()));
        settings.addAll(List.of(applicationCredential()));
        settings.addAll(List.of(more));
        return TestService.start(settings.toArray(String[]::new));
    }

    private static String[] password() {
        return new String[] {"keystone.username", lookup("username"), "keystone.password", lookup("password"),
            "keystone.project-name", lookup("project")};
    }

    private static String[] applicationCredential() {
        return new String[] {"keystone.application-credential-id", lookup("application_credential_id"),
            "keystone.application-credential-secret", lookup("application_credential_secret")};
    }

    /** One lookup through direct:lookup, counted in the figure line: the Glance server that answered it. */
    private static String servedBy(TestService service, String id) throws Exception {
        Exchange answer = service.lookup(id);
        LOOKUPS.incrementAndGet();
        String server = answer.getMessage().getHeader("GlanceServer", String.class);
        if (server == null) {
            FAILED.incrementAndGet();
        }
        assertThat(server).as(answer.getMessage().getBody(String.class)).isNotNull();
        return server;
    }

    private static long serverRoutes(TestService service) {
        return service.context().getRoutes().stream().filter(r -> SERVER_ROUTE.matcher(r.getRouteId()).matches())
                .count();
    }

    /** One lookup over HTTP, counted in the figure line (a 5xx, or a ServiceBusy, counts as failed). */
    private static HttpResponse<String> get(TestService service, String id) throws Exception {
        HttpResponse<String> answer = service.httpGet("/images/" + id);
        LOOKUPS.incrementAndGet();
        if (answer.statusCode() >= 500) {
            FAILED.incrementAndGet();
        }
        return answer;
    }

    private static JsonNode body(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    private static int tokenRequests(TestService service, String outcome) throws Exception {
        Matcher count = Pattern.compile("glance_identity_token_requests_total\\{outcome=\"" + outcome
                + "\"} (\\d+)").matcher(service.httpGet("/metrics").body());
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    @Test
    void aServiceUserByPasswordOrByApplicationCredentialSeesWhatGlanceLetsItSee() throws Exception {
        for (String[] credentials : List.of(password(), applicationCredential())) {
            try (TestService service = service(keystone.get("auth_url").asText(), credentials)) {
                HttpResponse<String> shared = get(service, image("public"));
                assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
                assertThat(body(shared).get("name").asText())
                        .isEqualTo(seed.at("/images/public/glance/name").asText());
                HttpResponse<String> own = get(service, image("private-own"));
                assertThat(own.statusCode()).as("the service's project's private image").isEqualTo(200);
                HttpResponse<String> others = get(service, image("private-other"));
                assertThat(others.statusCode()).as("another project's private image").isEqualTo(404);
                assertThat(body(others).get("error").asText()).isEqualTo("ImageNotFound");
                HttpResponse<String> missing = get(service, UUID.randomUUID().toString());
                assertThat(body(missing).get("error").asText()).isEqualTo("ImageNotFound");
                assertThat(tokenRequests(service, "ok")).as("one token for all of them").isEqualTo(1);
            }
        }
    }

    @Test
    void neitherTheSecretsNorTheServiceTokenAppearAnywhere() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.at(Level.ALL)) {
            List<String> both = new ArrayList<>(List.of(password()));
            both.addAll(List.of(applicationCredential())); // the application credential is used, the password kept
            try (TestService service = service(keystone.get("auth_url").asText(), both.toArray(String[]::new))) {
                for (String id : List.of(image("public"), image("private-other"), "ami-0000zzzz")) {
                    HttpResponse<String> answer = get(service, id);
                    seen.add(answer.body());
                    seen.add(answer.headers().map().toString());
                    seen.add(service.lookupBody(id));
                }
                seen.add(service.httpGet("/metrics").body());
                seen.add(service.httpGet("/health/ready").body());
                seen.addAll(JmxAttributes.all());
            }
            seen.addAll(logs.lines());
        }
        assertThat(seen).hasSizeGreaterThan(100);
        for (String secret : List.of(lookup("password"), lookup("application_credential_secret"), "gAAAAA")) {
            // (every Fernet token begins gAAAAA)
            assertThat(seen.stream().filter(t -> t.contains(secret))
                    .map(t -> t.substring(Math.max(0, t.indexOf(secret) - 300), t.indexOf(secret))).toList())
                    .as("nothing shows a password, a secret or a token").isEmpty();
        }
    }

    @Test
    void aTokenRevokedEarlyIsReplacedOnItsFirst401AndNoLookupFails() throws Exception {
        try (TestService service = service(keystone.get("auth_url").asText(), password())) {
            assertThat(get(service, image("public")).statusCode()).isEqualTo(200);
            long firstToken = System.nanoTime();
            // disabling the user revokes its tokens at Keystone; it may have new ones once enabled again
            setLookupUserEnabled(false);
            setLookupUserEnabled(true);
            Thread.sleep(1500); // a token issued in the second of the revocation would count as revoked too
            // Glance keeps a checked token 5 s (token_cache_time): lookups go on until it asks Keystone again
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> answer = get(service, image("public"));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                return tokenRequests(service, "ok") == 2;
            });
            assertThat(get(service, image("private-own")).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - firstToken)).as("renewed for the 401, before the"
                    + " token's own renewal at 3/4 of its " + TOKEN_LIFE_S + " s").isLessThan(Duration.ofSeconds(14));
            assertThat(tokenRequests(service, "ok")).as("one new token after the 401").isEqualTo(2);
        }
    }

    /** PATCH /v3/users/{lookup user} as Keystone's admin. */
    private static void setLookupUserEnabled(boolean enabled) throws Exception {
        HttpResponse<String> changed = asAdmin("PATCH", "/users/" + lookup("user_id"),
                "{\"user\":{\"enabled\":" + enabled + "}}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    /** One request to Keystone's API as its admin. */
    private static HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = keystone.get("auth_url").asText();
        String login = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\""
                + keystone.at("/admin/username").asText() + "\",\"domain\":{\"name\":\"Default\"},\"password\":\""
                + keystone.at("/admin/password").asText() + "\"}}},\"scope\":{\"project\":{\"name\":\""
                + keystone.at("/admin/project").asText() + "\",\"domain\":{\"name\":\"Default\"}}}}}";
        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create(auth + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(201);
        return http.send(HttpRequest.newBuilder(URI.create(auth + path))
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", admin.headers().firstValue("X-Subject-Token").orElseThrow())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The catalog's endpoints (image ones) at this Glance URL. */
    private static List<JsonNode> imageEndpoints(String url) throws Exception {
        HttpResponse<String> all = asAdmin("GET", "/endpoints", null);
        assertThat(all.statusCode()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        JSON.readTree(all.body()).get("endpoints").forEach(e -> {
            if (e.get("url").asText().replaceAll("/+$", "").equals(url)) {
                found.add(e);
            }
        });
        return found;
    }

    @Test
    void refusedCredentialsAreIdentityRejectedAndLoggedOnce() throws Exception {
        String wrong = "not-" + lookup("password");
        try (LogCapture logs = LogCapture.at(Level.INFO);
                TestService service = service(keystone.get("auth_url").asText(),
                        "keystone.username", lookup("username"), "keystone.password", wrong,
                        "keystone.project-name", lookup("project"))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> refused = service.httpGet("/images/" + image("public"));
                assertThat(refused.statusCode()).isEqualTo(502);
                assertThat(body(refused).get("error").asText()).isEqualTo("IdentityRejected");
                assertThat(refused.body()).doesNotContain(wrong);
            }
            List<String> errors = logs.lines().stream().filter(l -> l.startsWith("ERROR")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("refused the service's credentials").doesNotContain(wrong);
            assertThat(String.join("\n", logs.lines())).doesNotContain(wrong);
        }
    }

    @Test
    void keystoneOutOfReachIsIdentityUnavailableUntilItIsBack() throws Exception {
        int keystonePort = keystone.get("port").asInt();
        try (TcpProxy network = new TcpProxy("127.0.0.1", keystonePort);
                TestService service = service("http://127.0.0.1:" + network.port() + "/v3", password())) {
            network.down();
            HttpResponse<String> away = service.httpGet("/images/" + image("public"));
            assertThat(away.statusCode()).isEqualTo(503);
            assertThat(body(away).get("error").asText()).isEqualTo("IdentityUnavailable");
            network.up();
            HttpResponse<String> back = get(service, image("public"));
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        }
    }

    @Test
    void tokensExpiringUnderLoadCostOneKeystoneRequestEachAndNoLookup() throws Exception {
        try (TestService service = service(keystone.get("auth_url").asText(), applicationCredential())) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * TOKEN_LIFE_S + 10);
            ExecutorService callers = Executors.newFixedThreadPool(16);
            List<Future<Integer>> done = new ArrayList<>();
            String[] ids = {image("public"), image("private-own"), image("kernel")};
            for (int t = 0; t < 16; t++) {
                int first = t;
                done.add(callers.submit(() -> {
                    int failed = 0;
                    for (int i = first; System.nanoTime() < until; i++) {
                        if (get(service, ids[i % ids.length]).statusCode() != 200) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> caller : done) {
                failed += caller.get();
            }
            callers.shutdown();
            tokenRefreshes = tokenRequests(service, "ok");
            assertThat(failed).as("lookups that did not answer 200").isZero();
            // 50 s of 20-s tokens renewed at 15 s: the first token and about one more per renewal, not one per lookup
            assertThat(tokenRefreshes).isBetween(3, 6);
            assertThat(LOOKUPS.get()).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void theCatalogsGlancesShareTheLookupsAndOneThatLeavesAndComesBackIsFollowed() throws Exception {
        String first = seed.get("url").asText();
        String second = secondSeed.get("url").asText();
        List<JsonNode> endpoints = imageEndpoints(second);
        assertThat(endpoints).extracting(e -> e.get("interface").asText())
                .containsExactlyInAnyOrder("public", "internal", "admin");
        try (LogCapture logs = LogCapture.at(Level.INFO); TestService service = catalogService()) {
            Set<String> servers = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                servers.add(servedBy(service, image(i % 2 == 0 ? "public" : "private-own")));
            }
            assertThat(servers).as("round robin over the catalog's two").containsExactlyInAnyOrder(first, second);
            assertThat(serverRoutes(service)).isEqualTo(2);
            try {
                for (JsonNode endpoint : endpoints) {
                    assertThat(asAdmin("DELETE", "/endpoints/" + endpoint.get("id").asText(), null).statusCode())
                            .isEqualTo(204);
                }
                // the service's next token (renewed at 15 s) has the catalog without it
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !servedBy(service, image("public")).equals(second)
                                && !servedBy(service, image("public")).equals(second));
                for (int i = 0; i < 6; i++) {
                    assertThat(servedBy(service, image("kernel"))).isEqualTo(first);
                }
                // its route goes once an attempt that chose it before must have ended
                await().atMost(Duration.ofSeconds(40)).until(() -> serverRoutes(service) == 1);
            } finally {
                restoreEndpoints(second, endpoints);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> servedBy(service, image("public")).equals(second));
            assertThat(serverRoutes(service)).isEqualTo(2);
            assertThat(logs.lines().stream().filter(l -> l.contains("Glance servers from the Keystone catalog")))
                    .hasSize(3).allMatch(l -> l.contains("interface internal, any region"));
        }
    }

    private static void restoreEndpoints(String url, List<JsonNode> endpoints) throws Exception {
        if (imageEndpoints(url).isEmpty()) {
            for (JsonNode endpoint : endpoints) {
                String created = "{\"endpoint\":{\"service_id\":\"" + endpoint.get("service_id").asText()
                        + "\",\"interface\":\"" + endpoint.get("interface").asText() + "\",\"region_id\":\""
                        + endpoint.get("region_id").asText() + "\",\"url\":\"" + url + "\"}}";
                assertThat(asAdmin("POST", "/endpoints", created).statusCode()).isEqualTo(201);
            }
        }
    }

    @Test
    void theInterfaceAndTheRegionChooseTheCatalogsEndpoints() throws Exception {
        try (TestService service = catalogService("keystone.interface", "admin",
                "keystone.region-name", "RegionOne")) {
            assertThat(servedBy(service, image("public"))).isIn(seed.get("url").asText(),
                    secondSeed.get("url").asText());
            assertThat(service.httpGet("/health/ready").statusCode()).isEqualTo(200);
        }
        try (TestService service = catalogService("keystone.region-name", "RegionTwo")) {
            HttpResponse<String> none = service.httpGet("/images/" + image("public"));
            assertThat(none.statusCode()).isEqualTo(503);
            assertThat(body(none).get("error").asText()).isEqualTo("GlanceConnectionFailed");
            assertThat(body(none).get("message").asText())
                    .isEqualTo("The Keystone catalog has no image endpoint for interface internal or public in"
                            + " region RegionTwo.");
            HttpResponse<String> ready = service.httpGet("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("no image endpoint");
        }
    }

    @Test
    void keystoneStoppedAndStartedAgainIsFollowedWithoutARestart() throws Exception {
        try (TestService service = catalogService()) {
            assertThat(get(service, image("public")).statusCode()).isEqualTo(200);
            script("real-keystone.sh", "stop", "--dir", KEYSTONE_DIR.toString());
            boolean stopped = true;
            try {
                // the token in hand serves while Glance still knows it; once it must be renewed: IdentityUnavailable
                await().atMost(Duration.ofSeconds(TOKEN_LIFE_S + 5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    HttpResponse<String> answer = service.httpGet("/images/" + image("public"));
                    if (answer.statusCode() == 200) {
                        return false;
                    }
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    assertThat(body(answer).get("error").asText()).isIn("IdentityUnavailable",
                            "GlanceConnectionFailed");
                    return body(answer).get("error").asText().equals("IdentityUnavailable");
                });
                assertThat(service.httpGet("/health/ready").body()).contains("The identity service at");
                script("real-keystone.sh", "resume", "--dir", KEYSTONE_DIR.toString());
                stopped = false;
            } finally {
                if (stopped) {
                    script("real-keystone.sh", "resume", "--dir", KEYSTONE_DIR.toString());
                }
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.httpGet("/images/" + image("public")).statusCode() == 200);
            assertThat(get(service, image("private-own")).statusCode()).isEqualTo(200);
            assertThat(service.httpGet("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theKameletStepHasItsOwnIdentityAndFindsItsGlancesInTheCatalog() throws Exception {
        try (CamelContext app = new DefaultCamelContext()) {
            Properties settings = new Properties();
            settings.put("keystone.url", keystone.get("auth_url").asText());
            settings.put("keystone.id", lookup("application_credential_id"));
            settings.put("keystone.secret", lookup("application_credential_secret"));
            app.getPropertiesComponent().setInitialProperties(settings);
            app.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("pipeline")
                            .to("kamelet:glance-image-lookup-action?authStrategy=service"
                                    + "&keystoneAuthUrl={{keystone.url}}"
                                    + "&keystoneApplicationCredentialId={{keystone.id}}"
                                    + "&keystoneApplicationCredentialSecret=RAW({{keystone.secret}})");
                }
            });
            app.start();
            ProducerTemplate template = app.createProducerTemplate();
            Set<String> servers = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                Exchange answer = template.request("direct:in", e -> e.getMessage().setBody(image("private-own")));
                assertThat(answer.getException()).isNull();
                assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).get("name").asText())
                        .isEqualTo(seed.at("/images/private-own/glance/name").asText());
                servers.add(answer.getMessage().getHeader("GlanceServer", String.class));
            }
            assertThat(servers).containsExactlyInAnyOrder(seed.get("url").asText(), secondSeed.get("url").asText());
            Exchange refused = template.request("direct:in", e -> e.getMessage().setBody(image("private-other")));
            assertThat(refused.getException()).isInstanceOf(LookupFailure.class)
                    .hasMessageContaining("could not be found");
        }
    }
}
