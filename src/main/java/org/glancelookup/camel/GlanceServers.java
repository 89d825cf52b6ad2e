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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Glance part of the wiring: glance.api-servers, or the demo Glance and its seed mappings when none are set. */
final class GlanceServers {
    // the wiring's logger, as before the split (log configuration and readers key on it)
    private static final Logger LOG = LoggerFactory.getLogger(GlanceLookupConfiguration.class);

    private GlanceServers() {
    }

    /** The configured servers, or the demo servers (started here) when none are configured. */
    static List<GlanceServer> configure(CamelContext context, Settings settings, ObjectMapper json,
            S3ImageMappingStore store) throws Exception {
        String configured = settings.get("glance.api-servers");
        boolean demo = (configured == null || configured.isBlank()) && !"false".equals(settings.get("demo.enabled"));
        if (!demo) {
            List<GlanceServer> servers = GlanceServer.parseList(configured);
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("glance.api-servers is empty and the demo Glance is off:"
                        + " set glance.api-servers to the Glance API servers to call");
            }
            return servers;
        }
        List<Map<String, Object>> images = read("demo-images.json", json, new TypeReference<>() { });
        byte[] schema = readBytes("demo/schema-image.json");
        List<String> urls = new ArrayList<>();
        for (String port : settings.get("demo.ports").split(",")) {
            DemoGlanceServer server = new DemoGlanceServer(images, schema, json, Integer.parseInt(port.strip()));
            server.start();
            GlanceLookupConfiguration.stopWithCamel(context, server::close);
            urls.add(server.url());
        }
        try {
            for (Map<String, Object> image : images) {
                store.idForOrCreate(String.valueOf(image.get("id"))); // ami-00000001 is the first demo image
            }
        } catch (java.sql.SQLException e) {
            LOG.warn("Could not seed the demo mappings ({}); lookups by uuid still work", e.getMessage());
        }
        LOG.info("Demo Glance serving {} images on {}", images.size(), urls);
        return GlanceServer.parseList(String.join(",", urls));
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
