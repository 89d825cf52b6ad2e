package org.glancelookup.step;

import java.util.Map;
import org.apache.camel.Headers;
import org.apache.camel.Variable;
import org.glancelookup.glance.GlanceAnswer;
import org.glancelookup.lookup.LookupRequest;

/** The metadata message's provenance headers (SPEC section 4), set in one step. */
public class ProvenanceHeaders {

    public void stamp(@Variable("glanceAnswer") GlanceAnswer answer, @Variable("request") LookupRequest request,
            @Variable(GlanceAnswerSharing.CACHED) Boolean cached, @Headers Map<String, Object> headers) {
        headers.put("GlanceServer", answer.server());
        headers.put("GlanceApiVersion", answer.apiVersion());
        headers.put("GlanceRequestId", answer.requestId());
        headers.put("LookupRequestId", request.requestId());
        headers.put("GlanceCached", cached);
    }
}
