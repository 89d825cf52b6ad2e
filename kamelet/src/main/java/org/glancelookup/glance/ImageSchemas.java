package org.glancelookup.glance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glancelookup.lookup.LookupFailure;

/** Each server's v2 image schema, fetched once and kept (Nova's client fetches it on every call). */
public class ImageSchemas {
    private final ObjectMapper json;
    private final Map<String, ImageSchema> byServer = new ConcurrentHashMap<>();

    public ImageSchemas(ObjectMapper json) {
        this.json = json;
    }

    public boolean needsSchema(String server) {
        return !byServer.containsKey(server);
    }

    public void remember(GlanceResponse response) {
        String server = response.server();
        try {
            byServer.put(server, ImageSchema.of(json.readTree(response.body())));
        } catch (IOException | IllegalArgumentException e) {
            throw LookupFailure.invalidResponse("Glance server " + server + " sent an unreadable image schema.");
        }
    }

    public ImageSchema schemaOf(String server) {
        return byServer.get(server);
    }
}
