package org.glancelookup.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nova's _is_image_available, branch by branch. */
class AvailabilityTest {

    private static Map<String, Object> image(boolean isPublic, Map<String, Object> properties) {
        Map<String, Object> image = new HashMap<>();
        image.put("is_public", isPublic);
        image.put("properties", properties);
        return image;
    }

    private static RequestContext context(String token, String project, String user, boolean admin) {
        return new RequestContext(token, project, user, List.of(), admin);
    }

    @Test
    void tokenAdminOrPublicSeeEverything() {
        Map<String, Object> privateImage = image(false, Map.of("owner_id", "other"));
        assertThat(Availability.isAvailable(context("t", "p", "u", false), privateImage)).isTrue();
        assertThat(Availability.isAvailable(context(null, "p", "u", true), privateImage)).isTrue();
        assertThat(Availability.isAvailable(RequestContext.ANONYMOUS, image(true, Map.of()))).isTrue();
    }

    @Test
    void ownerIdDecidesFirst() {
        Map<String, Object> image = image(false, Map.of("owner_id", "p1", "project_id", "p2", "user_id", "u"));
        assertThat(Availability.isAvailable(context(null, "p1", null, false), image)).isTrue();
        assertThat(Availability.isAvailable(context(null, "p2", "u", false), image)).isFalse();
    }

    @Test
    void thenProjectIdThenUserId() {
        assertThat(Availability.isAvailable(context(null, "p2", null, false),
                image(false, Map.of("project_id", "p2")))).isTrue();
        assertThat(Availability.isAvailable(context(null, null, "u-7", false),
                image(false, Map.of("project_id", "p2", "user_id", "u-7")))).isTrue();
        assertThat(Availability.isAvailable(context(null, null, "u-8", false),
                image(false, Map.of("user_id", "u-7")))).isFalse();
    }

    @Test
    void privateWithoutOwnershipPropertiesIsHidden() {
        assertThat(Availability.isAvailable(context(null, "p", "u", false), image(false, Map.of()))).isFalse();
        Map<String, Object> noVisibility = new HashMap<>(Map.of("properties", Map.of()));
        assertThat(Availability.isAvailable(RequestContext.ANONYMOUS, noVisibility)).isFalse();
    }
}
