package org.glancelookup.glance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A Glance v2 image schema ({@code GET /v2/schemas/image}), reduced to what Nova asks of it: whether a key is
 * a base property (listed under {@code properties} and not marked {@code "is_base": false}).
 */
public final class ImageSchema {
    private final Set<String> baseProperties;

    private ImageSchema(Set<String> baseProperties) {
        this.baseProperties = Set.copyOf(baseProperties);
    }

    public static ImageSchema of(JsonNode schema) {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || !properties.isObject()) {
            throw new IllegalArgumentException("the image schema has no properties object");
        }
        Set<String> base = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode isBase = property.getValue().get("is_base");
            if (isBase == null || !isBase.isBoolean() || isBase.booleanValue()) {
                base.add(property.getKey());
            }
        }
        return new ImageSchema(base);
    }

    public boolean isBaseProperty(String name) {
        return baseProperties.contains(name);
    }
}
