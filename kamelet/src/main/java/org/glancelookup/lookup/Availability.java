package org.glancelookup.lookup;

import java.util.Map;

/** Nova's {@code _is_image_available}: may this caller see this image? */
public final class Availability {
    private Availability() {
    }

    public static boolean isAvailable(RequestContext context, Map<String, Object> imageMeta) {
        return isAvailable(context, imageMeta, null);
    }

    /**
     * @param visibility Glance's raw {@code visibility}, when its answer has one: Nova then decides "public" on it
     *                   (case-insensitively) instead of on {@code is_public}
     */
    public static boolean isAvailable(RequestContext context, Map<String, Object> imageMeta, Object visibility) {
        if (context.hasToken() || context.isAdmin()) {
            return true;
        }
        boolean isPublic = visibility != null ? pyStr(visibility).toLowerCase(java.util.Locale.ROOT).equals("public")
                : Boolean.TRUE.equals(imageMeta.get("is_public"));
        if (isPublic) {
            return true;
        }
        Map<?, ?> properties = imageMeta.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        String projectId = context.projectId();
        if (projectId != null && properties.containsKey("owner_id")) {
            return projectId.equals(pyStr(properties.get("owner_id")));
        }
        if (projectId != null && properties.containsKey("project_id")) {
            return projectId.equals(pyStr(properties.get("project_id")));
        }
        if (!properties.containsKey("user_id")) {
            return false;
        }
        return pyStr(properties.get("user_id")).equals(pyStr(context.userId()));
    }

    /** Python's str() for the values compared here: Nova compares str(a) == str(b). */
    private static String pyStr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }
}
