package org.glancelookup.support;

import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Headless Chromium driven through Debian's chromedriver with the W3C WebDriver protocol (plain HTTP + JSON),
 * so a test can open a page, click, read it and take a screenshot like a person would.
 */
public final class WebDriverSession implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final String base;
    private final String session;
    private final HttpClient http = HttpClient.newHttpClient();

    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    public WebDriverSession(Path profileDir) throws Exception {
        int port = FreePorts.next();
        driver = new ProcessBuilder(CHROMEDRIVER, "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> call("GET", "/status", null).at("/value/ready").asBoolean());
        Files.createDirectories(profileDir);
        Map<String, Object> options = Map.of("binary", CHROMIUM, "args", List.of("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + profileDir.toAbsolutePath()));
        JsonNode created = call("POST", "/session", Map.of("capabilities",
                Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
        session = created.at("/value/sessionId").asText();
    }

    public void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    /** Clicks the first element the XPath finds, once there is one. */
    public void click(String xpath, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            JsonNode found = call("POST", "/session/" + session + "/element", Map.of("using", "xpath", "value", xpath));
            String id = found.at("/value/" + ELEMENT).asText();
            if (id.isEmpty()) {
                return false;
            }
            call("POST", "/session/" + session + "/element/" + id + "/click", Map.of());
            return true;
        });
    }

    public String source() throws Exception {
        return call("GET", "/session/" + session + "/source", null).get("value").asText();
    }

    public void screenshot(Path file) throws Exception {
        String png = call("GET", "/session/" + session + "/screenshot", null).get("value").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            throw new IOException("webdriver " + method + " " + path + ": " + response.body());
        }
        return json;
    }

    @Override
    public void close() throws Exception {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
            driver.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
