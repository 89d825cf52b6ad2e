package org.glancelookup.camel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.glancelookup.camel.GlanceLookupConfiguration.Settings;
import org.glancelookup.demo.DemoGlanceServer;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.mapping.S3ImageMappingStore;
import org.glancelookup.step.StopWithCamel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Glance part of the wiring: glance.api-servers, or the demo Glance and its seed mappings when none are set. */
final class GlanceServers {
    // the wiring's logger, as before the split (log configuration and readers key on it)
    private static final Logger LOG = LoggerFactory.getLogger(GlanceLookupConfiguration.class);

    private GlanceServers() {
    }

    /** The servers: the configured ones (the demo images empty), or the demo's, started here. */
    record Servers(String apiServers, List<Map<String, Object>> demoImages) {
    }

    /** The configured servers, or the demo servers (started here) when none are configured. */
    static Servers start(CamelContext context, Settings settings, ObjectMapper json) throws Exception {
        String configured = settings.get("glance.api-servers");
        boolean demo = (configured == null || configured.isBlank()) && !"false".equals(settings.get("demo.enabled"));
        if (!demo) {
            if (GlanceServer.parseList(configured == null ? "" : configured).isEmpty()) {
                throw new IllegalArgumentException("glance.api-servers is empty and the demo Glance is off:"
                        + " set glance.api-servers to the Glance API servers to call");
            }
            return new Servers(configured, List.of());
        }
        List<Map<String, Object>> images = read("demo-images.json", json, new TypeReference<>() { });
        byte[] schema = readBytes("demo/schema-image.json");
        List<String> urls = new ArrayList<>();
        for (String port : settings.get("demo.ports").split(",")) {
            DemoGlanceServer server = new DemoGlanceServer(images, schema, json, Integer.parseInt(port.strip()));
            server.start();
            StopWithCamel.register(context, server::close);
            urls.add(server.url());
        }
        LOG.info("Demo Glance serving {} images on {}", images.size(), urls);
        return new Servers(String.join(",", urls), images);
    }

    /** The demo images get their mappings up front, so that ami-00000001 is the first one. */
    static void seedDemo(S3ImageMappingStore store, List<Map<String, Object>> images) {
        try {
            for (Map<String, Object> image : images) {
                store.idForOrCreate(String.valueOf(image.get("id")));
            }
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not seed the demo mappings ({}); lookups by uuid still work", e.getMessage());
        }
    }

    private static <T> T read(String resource, ObjectMapper json, TypeReference<T> type) throws IOException {
        try (InputStream in = resource(resource)) {
            return json.readValue(in, type);
        }
    }

    private static byte[] readBytes(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return in.readAllBytes();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = GlanceServers.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is missing from the classpath");
        }
        return in;
    }
}
