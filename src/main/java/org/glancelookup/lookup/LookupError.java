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
    MappingStoreUnavailable(503);

    private final int httpStatus;

    LookupError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Infrastructure failures: a queued request is redelivered, not answered, when these happen. */
    public boolean isInfrastructure() {
        return this == GlanceConnectionFailed || this == MappingStoreUnavailable;
    }
}
