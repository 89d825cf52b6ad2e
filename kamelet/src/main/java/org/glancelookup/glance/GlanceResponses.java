package org.glancelookup.glance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupVariables;

/** Reads one Glance HTTP answer: Nova's error translation by status, then the parts the mapping needs. */
public class GlanceResponses {
    private static final String REQUEST_ID = "x-openstack-request-id";

    private final ImageSchemas schemas;

    public GlanceResponses(ImageSchemas schemas) {
        this.schemas = schemas;
    }

    /** What the server's camel-http endpoint brought back, as one answer. */
    public GlanceResponse response(@Variable(LookupVariables.GLANCE_SERVER) String server,
            @Header("CamelHttpResponseCode") int status,
            @Variable(LookupVariables.GLANCE_HEADERS) List<Map.Entry<String, String>> headers, @Body byte[] body) {
        return new GlanceResponse(server, status, headers == null ? List.of() : headers, body);
    }

    /**
     * Nova's {@code _translate_image_exception} over glanceclient's status classes. 503 is retryable (Nova's
     * ServiceUnavailable); everything else ends the lookup.
     */
    public GlanceResponse check(@Body GlanceResponse response, @Variable(LookupVariables.UUID) String uuid)
            throws GlanceAttemptFailed {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response;
        }
        String server = response.server();
        String text = GlanceErrorText.of(status, response.header("content-type"), response.body());
        switch (status) {
            case 503 -> throw new GlanceAttemptFailed(text);
            case 404 -> throw LookupFailure.imageNotFound(uuid);
            case 401, 403 -> throw LookupFailure.notAuthorized(uuid);
            case 400 -> throw LookupFailure.badRequest(uuid, text);
            case 413 -> throw LookupFailure.quotaExceeded(uuid);
            case 300 -> throw LookupFailure.invalidResponse("Glance server " + server
                    + " does not speak this API version: it answered 300 Multiple Choices.");
            default -> throw LookupFailure.glanceError("Glance server " + server + " answered " + status + ": " + text);
        }
    }

    /** A v1 HEAD answer: the metadata is in its headers. */
    public GlanceAnswer v1Answer(GlanceResponse response) {
        return new GlanceAnswer(response.server(), 1, response.header(REQUEST_ID), response.headers(), null, null);
    }

    /** A v2 GET answer: its JSON body, read as UTF-8, and the server's schema. */
    public GlanceAnswer v2Answer(GlanceResponse response) {
        String text = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        return new GlanceAnswer(response.server(), 2, response.header(REQUEST_ID), response.headers(), text,
                schemas.schemaOf(response.server()));
    }
}
