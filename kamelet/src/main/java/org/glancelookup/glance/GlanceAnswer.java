package org.glancelookup.glance;

import java.util.List;
import java.util.Map;

/**
 * What one successful Glance call brought back, kept apart from Camel's message so the mapping beans see only
 * Glance's answer.
 *
 * @param server     the server that answered (its URL)
 * @param apiVersion 1 or 2
 * @param requestId  the server's x-openstack-request-id, or null
 * @param headers    the answer's headers (v1)
 * @param body       the answer's body (v2), or null
 * @param schema     the server's image schema (v2), or null
 */
public record GlanceAnswer(String server, int apiVersion, String requestId, List<Map.Entry<String, String>> headers,
        String body, ImageSchema schema) {}
