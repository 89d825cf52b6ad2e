package org.glancelookup.glance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * glanceclient's text for an error answer ({@code exc.from_response} and {@code HTTPException.__str__}), which Nova
 * puts in ImageBadRequest and GlanceConnectionFailed messages: {@code HTTP <details>}, the details taken from a
 * JSON body's messages, an HTML body's text lines, a plain body, or else the exception class name.
 */
final class GlanceErrorText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> CLASS_NAMES = Map.ofEntries(
            Map.entry(300, "HTTPMultipleChoices"), Map.entry(400, "HTTPBadRequest"),
            Map.entry(401, "HTTPUnauthorized"), Map.entry(403, "HTTPForbidden"), Map.entry(404, "HTTPNotFound"),
            Map.entry(405, "HTTPMethodNotAllowed"), Map.entry(409, "HTTPConflict"), Map.entry(413, "HTTPOverLimit"),
            Map.entry(500, "HTTPInternalServerError"), Map.entry(501, "HTTPNotImplemented"),
            Map.entry(502, "HTTPBadGateway"), Map.entry(503, "HTTPServiceUnavailable"));
    private static final int MAX_LENGTH = 1024;

    private GlanceErrorText() {
    }

    static String of(int status, String contentType, byte[] body) {
        String details = details(contentType == null ? "" : contentType.toLowerCase(Locale.ROOT), body);
        if (details == null || details.isEmpty()) {
            details = CLASS_NAMES.getOrDefault(status, "HTTPException");
        }
        String text = "HTTP " + details;
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }

    private static String details(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType.contains("json")) {
            try {
                List<String> messages = new ArrayList<>();
                for (JsonNode value : JSON.readTree(body)) {
                    JsonNode message = value.get("message");
                    if (message != null && !message.isNull()) {
                        messages.add(message.asText());
                    }
                }
                return String.join("\n", messages);
            } catch (IOException | RuntimeException notTheUsualShape) {
                return text;
            }
        }
        if (contentType.contains("html")) {
            Set<String> lines = new LinkedHashSet<>();
            for (String line : text.split("\\R")) {
                String stripped = line.strip().replaceAll("<.+?>", "");
                if (!stripped.isEmpty()) {
                    lines.add(stripped);
                }
            }
            return String.join(": ", lines);
        }
        return text.replace("\n\n", "\n");
    }
}
