package org.glancelookup.glance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.glancelookup.lookup.LookupFailure;

/** Glance's answer, v1 or v2, to Nova's image dict (before availability, conversions and id translation). */
public class ImageMetadata {
    private final ObjectMapper json;

    public ImageMetadata(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> fromGlance(GlanceAnswer answer) {
        if (answer.apiVersion() == 1) {
            return NovaImageMeta.fromV1(V1HeaderMetadata.imageMeta(answer.headers()));
        }
        JsonNode node;
        try {
            node = json.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw LookupFailure.invalidResponse("Glance server " + answer.server() + " sent an image that is not JSON.");
        }
        if (node == null || !node.isObject()) {
            throw LookupFailure.invalidResponse("Glance server " + answer.server() + " sent an image that is not a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> image = json.convertValue(node, Map.class);
        return NovaImageMeta.fromV2(image, answer.schema());
    }
}
