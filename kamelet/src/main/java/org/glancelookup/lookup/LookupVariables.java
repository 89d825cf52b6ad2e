package org.glancelookup.lookup;

/**
 * The exchange variables a lookup carries from route to route, named once. The YAML routes write the same names
 * (RouteModelTest checks that they use no other); the README's "Exchange variables" says who sets and reads each.
 */
public final class LookupVariables {
    /** The parsed LookupRequest: set by the step (keep-request); read by every step after it and the errors. */
    public static final String REQUEST = "request";
    /** A request id for an answer to a request that could not be parsed: set by a front door (JMS). */
    public static final String FALLBACK_REQUEST_ID = "fallbackRequestId";
    /** The image's Glance uuid: set by the step's enrich-uuid (translate-id); read by the Glance call and checks. */
    public static final String UUID = "uuid";
    /** The server of the current attempt: set by its server route; read by the answer, the retries, the cool-down. */
    public static final String GLANCE_SERVER = "glanceServer";
    /** The raw headers of Glance's answer, as glanceclient reads them: set by GlanceWire; read by the answer. */
    public static final String GLANCE_HEADERS = "glanceHeaders";
    /** The GlanceAnswer: set by the step (or from the cache); read by to-metadata and the provenance headers. */
    public static final String GLANCE_ANSWER = "glanceAnswer";
    /** Whether the Glance answer came from the cache: set by the cache step; read by the provenance headers. */
    public static final String GLANCE_CACHED = "glanceCached";
    /** This lookup's lead of the single flight for its image: set and read by the cache steps. */
    public static final String GLANCE_LEAD = "glanceLead";
    /** The service's own ServiceToken for this attempt: set by the server routes; read by GlanceWire, the 401 check. */
    public static final String SERVICE_TOKEN = "serviceToken";
    /** Whether this lookup has had the service's token renewed after a 401: set and read by the 401 check. */
    public static final String SERVICE_TOKEN_RENEWED = "serviceTokenRenewed";
    /** The LookupFailure of a failed lookup: set by the step's and the service's error handling; read by them. */
    public static final String FAILURE = "failure";
    /** The service's front door of the request (jms; unset for http and direct): set by lookup-jms. */
    public static final String FRONT_DOOR = "frontDoor";
    /** When the service's lookup started (nanoTime): set by lookup; read by the metrics at its end. */
    public static final String LOOKUP_STARTED = "lookupStarted";

    private LookupVariables() {
    }
}
