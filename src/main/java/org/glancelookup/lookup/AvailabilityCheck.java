package org.glancelookup.lookup;

import java.util.Map;

/** Nova's availability gate: an image the caller may not see is "not found", named by its Glance id. */
public class AvailabilityCheck {

    public Map<String, Object> check(LookupRequest request, Map<String, Object> imageMeta, String uuid) {
        if (!Availability.isAvailable(request.context(), imageMeta)) {
            throw LookupFailure.imageNotFound(uuid);
        }
        return imageMeta;
    }
}
