package org.glancelookup.lookup;

/**
 * A lookup that ends in one of the SPEC section 5 errors. The message is Nova's text for the error and
 * is shown to callers as is, so it never carries a token or a stack trace.
 */
public class LookupFailure extends RuntimeException {
    private final LookupError error;

    public LookupFailure(LookupError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public LookupError error() {
        return error;
    }

    public static LookupFailure invalidRequest(String why) {
        return new LookupFailure(LookupError.InvalidRequest, why);
    }

    public static LookupFailure invalidEc2Id(String ec2Id) {
        return new LookupFailure(LookupError.InvalidEc2Id, "Ec2 id " + ec2Id + " is unacceptable.");
    }

    public static LookupFailure imageNotFound(Object imageId) {
        return new LookupFailure(LookupError.ImageNotFound, "Image " + imageId + " could not be found.");
    }

    public static LookupFailure notAuthorized(Object imageId) {
        return new LookupFailure(LookupError.ImageNotAuthorized, "Not authorized for image " + imageId + ".");
    }

    public static LookupFailure badRequest(Object imageId, String response) {
        return new LookupFailure(LookupError.ImageBadRequest,
                "Request of image " + imageId + " got BadRequest response: " + response);
    }

    public static LookupFailure quotaExceeded(Object imageId) {
        return new LookupFailure(LookupError.ImageQuotaExceeded,
                "Quota exceeded or out of space for image " + imageId + " in the image service.");
    }

    public static LookupFailure invalidResponse(String why) {
        return new LookupFailure(LookupError.InvalidGlanceResponse, why);
    }

    public static LookupFailure glanceError(String why) {
        return new LookupFailure(LookupError.GlanceError, why);
    }

    public static LookupFailure connectionFailed(String server, String reason) {
        return new LookupFailure(LookupError.GlanceConnectionFailed,
                "Connection to glance host " + server + " failed: " + reason);
    }

    /** The Keystone catalog names no Glance server (keystone.interface, keystone.region-name) to call. */
    public static LookupFailure noImageEndpoint(String interfaceName, String region) {
        return new LookupFailure(LookupError.GlanceConnectionFailed, "The Keystone catalog has no image endpoint"
                + " for interface " + interfaceName + ("internal".equals(interfaceName) ? " or public" : "")
                + (region == null ? "" : " in region " + region) + ".");
    }

    public static LookupFailure mappingStoreUnavailable(String reason) {
        return new LookupFailure(LookupError.MappingStoreUnavailable,
                "The image id mapping store is unavailable: " + reason);
    }

    /** The broker did not take the answer's copy (downstream or errors queue), so the lookup is not answered. */
    public static LookupFailure answerNotStored(String why) {
        return new LookupFailure(LookupError.ServiceBusy,
                "The service could not store the answer's copy: " + why + "; try again later.");
    }

    /** The front door takes no lookups while the service is starting or stopping (its routes do not all run). */
    public static LookupFailure notRunning(String phase, int retryAfterSeconds) {
        return new LookupFailure(LookupError.ServiceBusy,
                "The service is " + phase + "; try again in " + retryAfterSeconds + " s.");
    }

    public static LookupFailure serviceBusy(int limit) {
        return new LookupFailure(LookupError.ServiceBusy,
                "The service has " + limit + " HTTP lookups in flight, its limit; try again later.");
    }

    /** Keystone did not answer the service's token request (no secret in {@code reason}). */
    public static LookupFailure identityUnavailable(String authUrl, String reason) {
        return new LookupFailure(LookupError.IdentityUnavailable,
                "The identity service at " + authUrl + " is unavailable: " + reason);
    }

    /** Keystone refused the service's own credentials ({@code status}: its HTTP answer). */
    public static LookupFailure identityRejected(String authUrl, int status) {
        return new LookupFailure(LookupError.IdentityRejected,
                "The identity service at " + authUrl + " refused the service's credentials (HTTP " + status + ").");
    }
}
