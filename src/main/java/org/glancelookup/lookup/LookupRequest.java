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
        boolean given = givenRequestId != null && !givenRequestId.isEmpty();
        return new LookupRequest(imageId, context, given ? givenRequestId : "req-" + UUID.randomUUID(), given);
    }
}
