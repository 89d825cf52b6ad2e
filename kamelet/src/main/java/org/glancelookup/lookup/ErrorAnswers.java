package org.glancelookup.lookup;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a failed lookup into the structured error message of SPEC section 5. */
public class ErrorAnswers {

    /**
     * @param request           the request, or null when it could not be read
     * @param fallbackRequestId the transport's id for an unreadable request (a JMS correlation or message id)
     */
    public Map<String, Object> answer(LookupFailure failure, LookupRequest request, String fallbackRequestId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", failure.error().name());
        answer.put("message", Secrets.redact(failure.getMessage(), request));
        answer.put("image_id", request == null ? null : request.imageId());
        answer.put("request_id", requestId(request, fallbackRequestId));
        return answer;
    }

    public String requestId(LookupRequest request, String fallbackRequestId) {
        return request == null ? fallbackRequestId : request.requestId();
    }

    /** The mapping store could not be reached (any JDBC failure). */
    public LookupFailure mappingStoreUnavailable(String reason) {
        return LookupFailure.mappingStoreUnavailable(reason);
    }

    /** The answer to an HTTP request that is not a lookup (another path or method); nothing of it is echoed. */
    public Map<String, Object> notALookup() {
        return answer(LookupFailure.invalidRequest("Not a lookup: lookups are GET /images/{imageId}."), null, null);
    }
}
