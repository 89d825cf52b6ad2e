package org.glancelookup.lookup;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a failed lookup into the structured error message of SPEC section 5. */
public class ErrorAnswers {

    public Map<String, Object> answer(LookupFailure failure, LookupRequest request) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", failure.error().name());
        answer.put("message", Secrets.redact(failure.getMessage(), request));
        answer.put("image_id", request == null ? null : request.imageId());
        answer.put("request_id", request == null ? null : request.requestId());
        return answer;
    }

    public int httpStatus(LookupFailure failure) {
        return failure.error().httpStatus();
    }
}
