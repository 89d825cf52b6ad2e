package org.glancelookup.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Glance images (v2 shape) for stand-ins. */
public final class Images {
    private Images() {
    }

    public static Map<String, Object> publicImage(String uuid, String name) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", uuid);
        image.put("name", name);
        image.put("disk_format", "qcow2");
        image.put("container_format", "bare");
        image.put("visibility", "public");
        image.put("size", 1024);
        image.put("status", "active");
        image.put("checksum", "0123456789abcdef0123456789abcdef");
        image.put("protected", false);
        image.put("min_ram", 0);
        image.put("min_disk", 0);
        image.put("owner", "owner-project");
        image.put("created_at", "2024-01-01T00:00:00Z");
        image.put("updated_at", "2024-01-02T00:00:00Z");
        return image;
    }

    public static Map<String, Object> with(Map<String, Object> image, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(image);
        copy.put(key, value);
        return copy;
    }
}
