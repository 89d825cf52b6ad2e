package org.glancelookup.lookup;

import java.util.UUID;

/**
 * One "what is image X?" question: the id as the caller wrote it, who asks, and a request id (the caller's, or
 * one made up here, like a Nova context's).
 */
public record LookupRequest(String imageId, RequestContext context, String requestId, boolean requestIdGiven) {

    public LookupRequest {
        context = context == null ? RequestContext.ANONYMOUS : context;
    }

    public static LookupRequest of(String imageId, RequestContext context, String givenRequestId) {
        return of(imageId, context, givenRequestId, null);
    }

    /**
     * @param fallbackRequestId an id the transport already gives the request (a JMS message or correlation id,
     *                          which redeliveries keep), used when the caller gave none; else one is made up
     */
    public static LookupRequest of(String imageId, RequestContext context, String givenRequestId,
            String fallbackRequestId) {
        if (givenRequestId != null && !givenRequestId.isEmpty()) {
            return new LookupRequest(imageId, context, givenRequestId, true);
        }
        boolean hasFallback = fallbackRequestId != null && !fallbackRequestId.isEmpty();
        return new LookupRequest(imageId, context, hasFallback ? fallbackRequestId : "req-" + UUID.randomUUID(), false);
    }
}
