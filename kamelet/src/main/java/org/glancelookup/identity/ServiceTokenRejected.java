package org.glancelookup.identity;

/**
 * Glance answered 401 to the service's own token (it expired early, or was revoked): the attempt is made once more
 * with a new one (the step's errors), and a second 401 is ImageNotAuthorized.
 */
public class ServiceTokenRejected extends RuntimeException {
    public ServiceTokenRejected(String server) {
        super("Glance at " + server + " refused the service's token", null, false, false);
    }
}
