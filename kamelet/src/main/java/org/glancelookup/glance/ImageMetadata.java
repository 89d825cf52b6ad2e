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

    /**
     * The answer's raw {@code visibility} (v1: an {@code x-image-meta-visibility} header, v2: the body's key), or
     * null when it has none; Nova's availability check prefers it to {@code is_public}.
     */
    public Object visibility(GlanceAnswer answer) {
        if (answer.apiVersion() == 1) {
            return answer.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("x-image-meta-visibility"))
                    .map(h -> (Object) V1HeaderMetadata.utf8(h.getValue())).reduce((first, second) -> second)
                    .orElse(null);
        }
        try {
            JsonNode value = json.readTree(answer.body()).get("visibility");
            return value == null || value.isNull() ? null : json.treeToValue(value, Object.class);
        } catch (JsonProcessingException e) {
            return null; // fromGlance has refused this body already
        }
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
