package org.glancelookup.glance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nova's {@code _extract_attributes} (v1) and {@code _extract_attributes_v2} (v2): the image dict Nova builds
 * from Glance's image, before timestamps and JSON properties are converted.
 */
public final class NovaImageMeta {
    /** In Nova's order: 'deleted_at' depends on 'deleted', 'checksum' on 'status'. */
    private static final List<String> V1_ATTRIBUTES = List.of("size", "disk_format", "owner", "container_format",
            "status", "id", "name", "created_at", "updated_at", "deleted", "deleted_at", "checksum", "min_disk",
            "min_ram", "is_public");
    private static final Set<String> V2_OMITTED = Set.of("self", "schema", "protected", "virtual_size", "file",
            "tags", "direct_url", "locations");

    private NovaImageMeta() {
    }

    /** {@code _extract_attributes(image)} over glanceclient's v1 meta dict. */
    public static Map<String, Object> fromV1(Map<String, Object> glanceMeta) {
        Map<String, Object> output = new LinkedHashMap<>();
        for (String attr : V1_ATTRIBUTES) {
            Object value = glanceMeta.get(attr);
            switch (attr) {
                case "checksum" -> output.put(attr, "active".equals(output.get("status")) ? value : null);
                case "deleted_at" -> output.put(attr, isTruthy(output.get("deleted")) ? value : null);
                case "size" -> output.put(attr, isTruthy(value) ? value : 0L);
                default -> output.put(attr, value);
            }
        }
        Object properties = glanceMeta.get("properties");
        output.put("properties", properties instanceof Map ? new LinkedHashMap<>((Map<?, ?>) properties)
                : new LinkedHashMap<>());
        return output;
    }

    /** {@code _extract_attributes_v2(image)}: base properties per the server's image schema stay at the top. */
    public static Map<String, Object> fromV2(Map<String, Object> image, ImageSchema schema) {
        Map<String, Object> output = new LinkedHashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        output.put("properties", properties);
        output.put("deleted", false);
        output.put("deleted_at", null);
        output.put("disk_format", null);
        output.put("container_format", null);
        output.put("name", null);
        output.put("checksum", null);
        for (Map.Entry<String, Object> entry : image.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (V2_OMITTED.contains(name)) {
                continue;
            }
            if (name.equals("visibility")) {
                output.put("is_public", "public".equals(value));
            } else if (name.equals("size") && value == null) {
                output.put("size", 0L);
            } else if (schema.isBaseProperty(name)) {
                output.put(name, value);
            } else {
                properties.put(name, value);
            }
        }
        return output;
    }

    /** Python truthiness for the values a Glance answer can hold. */
    static boolean isTruthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0 || (n instanceof java.math.BigInteger bi && bi.signum() != 0);
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }
}
