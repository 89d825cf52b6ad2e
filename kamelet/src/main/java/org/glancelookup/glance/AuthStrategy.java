package org.glancelookup.glance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glancelookup.lookup.RequestContext;

/**
 * How the caller's identity reaches Glance ({@code auth.strategy}).
 * <ul>
 * <li>{@code noauth}: nothing is sent (Nova's noauth); this service applies Nova's availability check.</li>
 * <li>{@code keystone}: the caller's token goes as {@code X-Auth-Token}, for Glance's own Keystone middleware.</li>
 * <li>{@code trusted-headers}: for a Glance behind an authenticating proxy whose context middleware trusts
 * identity headers: {@code X-Identity-Status: Confirmed}, {@code X-Project-Id}, {@code X-User-Id},
 * {@code X-Roles} (and the token, if any); Glance then hides other projects' private images itself.</li>
 * <li>{@code service}: the service's own Keystone token goes as {@code X-Auth-Token} (SPEC section 9), whatever
 * the caller sent; Glance decides what the service may see.</li>
 * </ul>
 */
public enum AuthStrategy {
    NOAUTH, KEYSTONE, TRUSTED_HEADERS, SERVICE;

    /** The headers that carry the caller's identity to Glance under this strategy, in the order sent. */
    public List<Map.Entry<String, String>> identityHeaders(RequestContext context) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if ((this == KEYSTONE || this == TRUSTED_HEADERS) && context.hasToken()) {
            headers.add(Map.entry("X-Auth-Token", context.authToken()));
        }
        if (this == TRUSTED_HEADERS) {
            headers.add(Map.entry("X-Identity-Status", "Confirmed"));
            if (context.projectId() != null) {
                headers.add(Map.entry("X-Project-Id", context.projectId()));
                headers.add(Map.entry("X-Tenant-Id", context.projectId()));
            }
            if (context.userId() != null) {
                headers.add(Map.entry("X-User-Id", context.userId()));
            }
            String roles = String.join(",", context.roles());
            if (context.isAdmin() && !RequestContext.adminRoleIn(context.roles())) {
                roles = roles.isEmpty() ? "admin" : roles + ",admin";
            }
            headers.add(Map.entry("X-Roles", roles));
        }
        return headers;
    }

    /**
     * The identity headers as one string ("" for none): Glance's answer may depend on them, so answers are shared
     * only between callers who send the same.
     */
    public String identitySent(RequestContext context) {
        StringBuilder sent = new StringBuilder();
        for (Map.Entry<String, String> header : identityHeaders(context)) {
            sent.append(header.getKey()).append(": ").append(header.getValue()).append('\n');
        }
        return sent.toString();
    }

    public static AuthStrategy of(String setting) {
        String name = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "noauth" -> NOAUTH;
            case "keystone" -> KEYSTONE;
            case "trusted-headers" -> TRUSTED_HEADERS;
            case "service" -> SERVICE;
            default -> throw new IllegalArgumentException(
                    "auth.strategy must be noauth, keystone, trusted-headers or service, not '" + setting + "'");
        };
    }
}
