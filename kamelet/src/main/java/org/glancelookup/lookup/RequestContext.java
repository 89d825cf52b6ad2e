package org.glancelookup.lookup;

import java.util.List;

/** The caller's identity, as Nova's RequestContext carries it. {@link #toString()} never shows the token. */
public record RequestContext(String authToken, String projectId, String userId, List<String> roles, boolean isAdmin) {

    public static final RequestContext ANONYMOUS = new RequestContext(null, null, null, List.of(), false);

    public RequestContext {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean hasToken() {
        return authToken != null && !authToken.isEmpty();
    }

    /** Nova derives is_admin from the admin role when the caller does not say. */
    public static boolean adminRoleIn(List<String> roles) {
        return roles != null && roles.stream().anyMatch(r -> r != null && r.trim().equalsIgnoreCase("admin"));
    }

    @Override
    public String toString() {
        return "RequestContext[authToken=" + (hasToken() ? "***" : "none") + ", projectId=" + projectId
                + ", userId=" + userId + ", roles=" + roles + ", isAdmin=" + isAdmin + "]";
    }
}
