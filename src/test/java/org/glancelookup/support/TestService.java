package org.glancelookup.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The real service (camel-main, the YAML routes, config/application.properties) started in the test JVM with a
 * few overrides: random loopback ports, an in-memory H2 store, an in-VM broker under target/, no retry delay.
 */
public final class TestService implements AutoCloseable {
    private final Main main;
    private final Map<String, String> settings;
    private final ProducerTemplate template;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestService(Main main, Map<String, String> settings) {
        this.main = main;
        this.settings = settings;
        this.template = main.getCamelContext().createProducerTemplate();
    }

    public static Map<String, String> defaults() {
        Map<String, String> settings = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString();
        settings.put("lookup.http.port", String.valueOf(FreePorts.next()));
        settings.put("broker.embedded-port", "0");
        settings.put("broker.data-dir", "target/test-brokers/" + id);
        settings.put("mapping.jdbc-url", "jdbc:h2:mem:" + id + ";DB_CLOSE_DELAY=-1");
        settings.put("glance.retry-delay-ms", "0");
        settings.put("glance.connect-timeout-ms", "2000");
        settings.put("glance.read-timeout-ms", "5000");
        settings.put("demo.ports", "0,0");
        settings.put("hawtio.enabled", "false");
        // Nova's plain round robin, which most retry tests count on; CoolDownTest turns the cool-down on
        settings.put("glance.server-cool-down-ms", "0");
        return settings;
    }

    /** The service on {@link #defaults()} with these overrides: key, value, key, value, ... */
    public static TestService start(String... overrides) throws Exception {
        return start(defaults(overrides));
    }

    /** {@link #defaults()} with these overrides: key, value, key, value, ... */
    public static Map<String, String> defaults(String... overrides) {
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come in key, value pairs");
        }
        Map<String, String> settings = defaults();
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return settings;
    }

    public static TestService start(Map<String, String> settings) throws Exception {
        Main main = new Main();
        settings.forEach(main::addOverrideProperty);
        main.start();
        return new TestService(main, settings);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String setting(String key) {
        return context().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /** A lookup through direct:lookup; the exchange holds the answer (metadata or error JSON) and headers. */
    public Exchange lookup(Object request) {
        return template.request("direct:lookup", e -> e.getMessage().setBody(request));
    }

    public String lookupBody(Object request) {
        return lookup(request).getMessage().getBody(String.class);
    }

    public HttpResponse<String> httpGet(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + settings.get("lookup.http.port") + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws IOException {
        template.stop();
        main.stop();
        Path data = Path.of(settings.getOrDefault("broker.data-dir", "target/none"));
        if (Files.isDirectory(data) && data.startsWith("target")) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
