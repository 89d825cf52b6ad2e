package org.glancelookup.glance;

import java.util.Locale;
import org.glancelookup.lookup.RequestContext;

/**
 * How the caller's identity reaches Glance ({@code auth.strategy}).
 * <ul>
 * <li>{@code noauth}: nothing is sent (Nova's noauth); this service applies Nova's availability check.</li>
 * <li>{@code keystone}: the caller's token goes as {@code X-Auth-Token}, for Glance's own Keystone middleware.</li>
 * <li>{@code trusted-headers}: for a Glance behind an authenticating proxy whose context middleware trusts
 * identity headers: {@code X-Identity-Status: Confirmed}, {@code X-Project-Id}, {@code X-User-Id},
 * {@code X-Roles} (and the token, if any); Glance then hides other projects' private images itself.</li>
 * </ul>
 */
public enum AuthStrategy {
    NOAUTH, KEYSTONE, TRUSTED_HEADERS;

    /**
     * What of the caller's identity this strategy sends to Glance, as one string ("" for nothing): Glance's answer
     * may depend on it, so answers are shared only between callers who send the same.
     */
    public String identitySent(RequestContext context) {
        return switch (this) {
            case NOAUTH -> "";
            case KEYSTONE -> context.hasToken() ? context.authToken() : "";
            // a field not sent is marked apart from any value a caller could send (even the text "null")
            case TRUSTED_HEADERS -> String.join("\n", context.hasToken() ? "t:" + context.authToken() : "-",
                    context.projectId() == null ? "-" : "p:" + context.projectId(),
                    context.userId() == null ? "-" : "u:" + context.userId(),
                    String.join(",", context.roles()), String.valueOf(context.isAdmin()));
        };
    }

    public static AuthStrategy of(String setting) {
        String name = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "noauth" -> NOAUTH;
            case "keystone" -> KEYSTONE;
            case "trusted-headers" -> TRUSTED_HEADERS;
            default -> throw new IllegalArgumentException(
                    "auth.strategy must be noauth, keystone or trusted-headers, not '" + setting + "'");
        };
    }
}
