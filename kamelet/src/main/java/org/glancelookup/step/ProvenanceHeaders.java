package org.glancelookup.step;

import java.util.Map;
import org.apache.camel.Headers;
import org.apache.camel.Variable;
import org.glancelookup.glance.GlanceAnswer;
import org.glancelookup.lookup.LookupRequest;
import org.glancelookup.lookup.LookupVariables;

/** The metadata message's provenance headers (SPEC section 4), set in one step. */
public class ProvenanceHeaders {

    public void stamp(@Variable(LookupVariables.GLANCE_ANSWER) GlanceAnswer answer, @Variable(LookupVariables.REQUEST) LookupRequest request,
            @Variable(LookupVariables.GLANCE_CACHED) Boolean cached, @Headers Map<String, Object> headers) {
        headers.put("GlanceServer", answer.server());
        headers.put("GlanceApiVersion", answer.apiVersion());
        headers.put("GlanceRequestId", answer.requestId());
        headers.put("LookupRequestId", request.requestId());
        headers.put("GlanceCached", cached);
    }
}
