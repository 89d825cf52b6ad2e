package org.glancelookup.step;

import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.glancelookup.glance.GlanceAnswer;
import org.glancelookup.glance.ImageMetadata;
import org.glancelookup.lookup.Availability;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupRequest;
import org.glancelookup.lookup.LookupVariables;
import org.glancelookup.lookup.RequestContext;

/** Nova's availability gate: an image the caller may not see is "not found", named by its Glance id. */
public class AvailabilityCheck {
    private final ImageMetadata images;
    private final boolean glanceDecides;

    public AvailabilityCheck(ImageMetadata images) {
        this(images, false);
    }

    /** @param glanceDecides the service's own identity asked Glance (auth.strategy=service): its answer stands */
    public AvailabilityCheck(ImageMetadata images, boolean glanceDecides) {
        this.images = images;
        this.glanceDecides = glanceDecides;
    }

    public Map<String, Object> check(@Variable(LookupVariables.REQUEST) LookupRequest request,
            @Body Map<String, Object> imageMeta, @Variable(LookupVariables.UUID) String uuid,
            @Variable(LookupVariables.GLANCE_ANSWER) GlanceAnswer answer) {
        RequestContext context = request.context();
        if (glanceDecides || context.hasToken() || context.isAdmin()) {
            return imageMeta;
        }
        // only here is Glance's raw visibility needed (Nova decides "public" on it when the answer has one)
        if (!Availability.isAvailable(context, imageMeta, images.visibility(answer))) {
            throw LookupFailure.imageNotFound(uuid);
        }
        return imageMeta;
    }
}
