package org.glancelookup.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.glancelookup.demo.DemoGlanceServer;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.step.GlanceImageLookup;
import org.glancelookup.step.StopWithCamel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the lookup step at its Glance servers: glance.api-servers; or, when none are set, the Keystone catalog's
 * (keystone.auth-url set: the step finds them itself) or the demo Glance (started here, its images mapped up front
 * so that ami-00000001 is the first one); then makes the step's routes.
 */
public class GlanceServersConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(GlanceServersConfiguration.class);

    @PropertyInject("glance.api-servers")
    private String apiServers;
    @PropertyInject("keystone.auth-url")
    private String keystoneAuthUrl;
    @PropertyInject("demo.enabled")
    private String demoEnabled;
    @PropertyInject("demo.ports")
    private String demoPorts;
    @BeanInject("glanceLookup")
    private GlanceImageLookup step;
    @BeanInject("json")
    private ObjectMapper json;

    @Override
    public void configure(CamelContext context) throws Exception {
        boolean catalog = apiServers.isBlank() && !keystoneAuthUrl.isBlank();
        boolean demo = apiServers.isBlank() && !catalog && !"false".equals(demoEnabled.strip());
        if (!demo && !catalog && GlanceServer.parseList(apiServers).isEmpty()) {
            throw new IllegalArgumentException("glance.api-servers is empty and the demo Glance is off:"
                    + " set glance.api-servers to the Glance API servers to call, or keystone.auth-url to find"
                    + " them in the Keystone catalog");
        }
        List<Map<String, Object>> images = demo ? read("demo-images.json") : List.of();
        step.setApiServers(demo ? startDemo(context, images) : apiServers);
        step.init(); // its routes, before Camel adds the service's
        for (Map<String, Object> image : images) {
            try {
                step.mappingStore().idForOrCreate(String.valueOf(image.get("id")));
            } catch (SQLException e) {
                LOG.warn("Could not seed the demo mappings ({}); lookups by uuid still work", e.getMessage());
                break;
            }
        }
    }

    /** The demo servers' URLs, one server per port of demo.ports (0: any free one). */
    private String startDemo(CamelContext context, List<Map<String, Object>> images) throws Exception {
        byte[] schema;
        try (InputStream in = resource("demo/schema-image.json")) {
            schema = in.readAllBytes();
        }
        List<String> urls = new ArrayList<>();
        for (String port : demoPorts.split(",")) {
            DemoGlanceServer server = new DemoGlanceServer(images, schema, json, Integer.parseInt(port.strip()));
            server.start();
            StopWithCamel.register(context, server::close);
            urls.add(server.url());
        }
        LOG.info("Demo Glance serving {} images on {}", images.size(), urls);
        return String.join(",", urls);
    }

    private List<Map<String, Object>> read(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return json.readValue(in, new TypeReference<>() { });
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = GlanceServersConfiguration.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is missing from the classpath");
        }
        return in;
    }
}
