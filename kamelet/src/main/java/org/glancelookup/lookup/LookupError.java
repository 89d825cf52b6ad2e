package org.glancelookup.lookup;

/** The error names of SPEC section 5, each with the HTTP status the front door answers with. */
public enum LookupError {
    InvalidRequest(400),
    InvalidEc2Id(400),
    ImageNotFound(404),
    ImageNotAuthorized(403),
    ImageBadRequest(400),
    ImageQuotaExceeded(429),
    GlanceConnectionFailed(503),
    InvalidGlanceResponse(502),
    GlanceError(502),
    MappingStoreUnavailable(503),
    /**
     * The HTTP front door has lookup.http.max-in-flight lookups in flight already, or the broker did not take the
     * answer's copy (its queue is full, it blocks, it failed).
     */
    ServiceBusy(503),
    /** Keystone cannot be reached when the service needs its own token (SPEC section 9). */
    IdentityUnavailable(503),
    /** Keystone refuses the service's own credentials (SPEC section 9). */
    IdentityRejected(502);

    private final int httpStatus;

    LookupError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Failures of the service or what it depends on, not answers about the image: they go to the reply only, never
     * to the errors queue (a queued request is redelivered instead; ServiceBusy never happens to one).
     */
    public boolean isInfrastructure() {
        return this == GlanceConnectionFailed || this == MappingStoreUnavailable || this == ServiceBusy
                || this == IdentityUnavailable;
    }
}
