package org.glancelookup.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Reads a lookup request from what a front door received (SPEC section 1): request JSON, a bare image id, a
 * {@code Map}, or a {@link LookupRequest}. Anything else, or anything malformed, is an {@code InvalidRequest}.
 */
public class LookupRequests {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper json;

    public LookupRequests(ObjectMapper json) {
        this.json = json;
    }

    public LookupRequest parse(Object body) {
        return parse(body, null);
    }

    /** @param fallbackRequestId the request id when the request names none (see {@link LookupRequest#of}) */
    public LookupRequest parse(@Body Object body, @Variable(LookupVariables.FALLBACK_REQUEST_ID) String fallbackRequestId) {
        if (body instanceof LookupRequest request) {
            noControlCharacters("auth_token", request.context().authToken());
            noControlCharacters("request_id", request.requestId());
            return request;
        }
        if (body instanceof byte[] bytes) {
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return parseText(new String(bytes, StandardCharsets.UTF_8), fallbackRequestId);
        }
        if (body instanceof String text) {
            return parseText(text, fallbackRequestId);
        }
        if (body instanceof Map<?, ?> map) {
            return fromJson(json.valueToTree(map), fallbackRequestId);
        }
        throw LookupFailure.invalidRequest("The request body is empty or of an unsupported type.");
    }

    /** The HTTP front door: the id from the path, the context from the X-* headers (checked by {@link #parse}). */
    public LookupRequest fromHttp(@Header("imageId") String imageId, @Header("X-Auth-Token") String authToken,
            @Header("X-Project-Id") String projectId, @Header("X-User-Id") String userId,
            @Header("X-Roles") String roles, @Header("X-OpenStack-Request-ID") String requestId) {
        List<String> roleList = roles == null || roles.isBlank() ? List.of()
                : Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        var context = new RequestContext(blankToNull(authToken), blankToNull(projectId), blankToNull(userId),
                roleList, RequestContext.adminRoleIn(roleList));
        return LookupRequest.of(imageId, context, blankToNull(requestId));
    }

    private LookupRequest parseText(String text, String fallbackRequestId) {
        if (text.length() > MAX_BODY_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw LookupFailure.invalidRequest("The request body is empty.");
        }
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[") && !trimmed.startsWith("\"")) {
            // a bare image id, as a JMS text message may carry (its form is checked by the id translation)
            return LookupRequest.of(trimmed, RequestContext.ANONYMOUS, null, fallbackRequestId);
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw LookupFailure.invalidRequest("The request body is not valid JSON.");
        }
        return fromJson(node, fallbackRequestId);
    }

    private LookupRequest fromJson(JsonNode node, String fallbackRequestId) {
        if (node == null || !node.isObject()) {
            throw LookupFailure.invalidRequest("The request must be a JSON object with an image_id.");
        }
        JsonNode id = node.get("image_id");
        if (id == null || id.isNull()) {
            throw LookupFailure.invalidRequest("The request has no image_id.");
        }
        if (!id.isTextual()) {
            throw LookupFailure.invalidRequest("The image_id must be a string.");
        }
        String requestId = optionalText(node, "request_id");
        noControlCharacters("request_id", requestId);
        RequestContext context = context(node.get("context"));
        noControlCharacters("auth_token", context.authToken());
        return LookupRequest.of(id.asText(), context, requestId, fallbackRequestId);
    }

    private RequestContext context(JsonNode node) {
        if (node == null || node.isNull()) {
            return RequestContext.ANONYMOUS;
        }
        if (!node.isObject()) {
            throw LookupFailure.invalidRequest("The context must be a JSON object.");
        }
        List<String> roles = new ArrayList<>();
        JsonNode rolesNode = node.get("roles");
        if (rolesNode != null && !rolesNode.isNull()) {
            if (!rolesNode.isArray()) {
                throw LookupFailure.invalidRequest("The context roles must be a list of strings.");
            }
            for (JsonNode role : rolesNode) {
                if (!role.isTextual()) {
                    throw LookupFailure.invalidRequest("The context roles must be a list of strings.");
                }
                roles.add(role.asText());
            }
        }
        JsonNode adminNode = node.get("is_admin");
        boolean admin;
        if (adminNode == null || adminNode.isNull()) {
            admin = RequestContext.adminRoleIn(roles);
        } else if (adminNode.isBoolean()) {
            admin = adminNode.booleanValue();
        } else {
            throw LookupFailure.invalidRequest("The context is_admin must be true or false.");
        }
        return new RequestContext(optionalText(node, "auth_token"), optionalText(node, "project_id"),
                optionalText(node, "user_id"), roles, admin);
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw LookupFailure.invalidRequest("The field " + field + " must be a string.");
        }
        return blankToNull(value.asText());
    }

    /** Token and request id travel as HTTP headers: CR, LF or other control characters are refused. */
    private static void noControlCharacters(String field, String value) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw LookupFailure.invalidRequest("The " + field + " contains control characters.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static LookupFailure tooLarge() {
        return LookupFailure.invalidRequest("The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
}
