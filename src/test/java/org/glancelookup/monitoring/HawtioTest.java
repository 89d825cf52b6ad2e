package org.glancelookup.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.TestService;
import org.glancelookup.support.WebDriverSession;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Hawtio in the service's JVM: a person's view of the routes in a real browser, and its bind-address guard. */
class HawtioTest {
    private static final List<String> ROUTES = List.of("lookup", "lookup-http", "lookup-jms", "glance-lookup",
            "glance-lookup-translate-id", "glance-lookup-translate-uuids", "glance-lookup-call-glance",
            "glance-lookup-glance-server-0", "glance-lookup-glance-answer", "glance-lookup-to-metadata", "publish");

    @Test
    void theCamelRoutesPageListsEveryRoute() throws Exception {
        if (!WebDriverSession.available()) {
            String message = "\n*** chromium/chromedriver not installed (apt-get install chromium chromium-driver):"
                    + " the Hawtio browser test is SKIPPED ***\n";
            System.err.println(message);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("chromium is required in CI: " + message);
            }
            Assumptions.abort(message);
        }
        int port = FreePorts.next();
        try (TestService service = TestService.start("hawtio.enabled", "true", "hawtio.port", String.valueOf(port));
             WebDriverSession browser = new WebDriverSession(Path.of("target", "chromium-profile"))) {
            service.lookupBody("ami-00000001"); // some exchanges to count
            browser.open("http://127.0.0.1:" + port + "/hawtio/camel/contexts");
            browser.click("//*[normalize-space(text())='routes']", Duration.ofSeconds(60));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ROUTES.stream().allMatch(route -> {
                        try {
                            return browser.source().contains(">" + route + "<");
                        } catch (Exception e) {
                            return false;
                        }
                    }));
            browser.screenshot(Path.of("target", "hawtio-routes.png"));
            String page = browser.source();
            assertThat(ROUTES).allMatch(route -> page.contains(">" + route + "<"));
        }
    }

    @Test
    void beyondLoopbackItsJolokiaNeedsTheLogin() throws Exception {
        int port = FreePorts.next();
        try (TestService service = TestService.start(
                "hawtio.enabled", "true",
                "hawtio.port", String.valueOf(port),
                "hawtio.host", "0.0.0.0",
                "hawtio.username", "ops",
                "hawtio.password", "s3cret-pw")) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(jolokia(http, port, null)).isEqualTo(403);
            assertThat(jolokia(http, port, "ops:wrong")).isEqualTo(403);
            assertThat(jolokia(http, port, "ops:s3cret-pw")).isEqualTo(200);
        }
    }

    private static int jolokia(HttpClient http, int port, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hawtio/jolokia/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}"));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void refusesToServeBeyondLoopbackWithoutCredentials() {
        String port = String.valueOf(FreePorts.next());
        assertThatThrownBy(() -> TestService.start(
                "hawtio.enabled", "true",
                "hawtio.port", port,
                "hawtio.host", "0.0.0.0").close())
                .hasStackTraceContaining("hawtio.host=0.0.0.0 is not a loopback address");
    }
}
