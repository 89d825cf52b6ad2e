package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked examples of SPEC section 4, computed by the reference code (glanceclient 4.1 + Nova 26): every
 * Glance answer through our mapping must give Nova's dict, field for field.
 */
class ReferenceVectorsTest {
    static Stream<JsonNode> vectors() throws IOException {
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("/vectors/glance-answers.json")) {
            List<JsonNode> list = new ArrayList<>();
            JSON.readTree(in).forEach(list::add);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourMappingGivesNovasDict(JsonNode vector) throws IOException {
        Map<String, Object> meta;
        if (vector.has("response_headers")) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (JsonNode pair : vector.get("response_headers")) {
                // what a Java client reads off the wire: each UTF-8 byte one ISO-8859-1 char
                String wire = new String(pair.get(1).asText().getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1);
                headers.add(new AbstractMap.SimpleImmutableEntry<>(pair.get(0).asText(), wire));
            }
            meta = NovaImageMeta.fromV1(V1HeaderMetadata.imageMeta(headers));
        } else {
            ImageSchema schema;
            try (InputStream in = getClass().getResourceAsStream("/vectors/schema-image.json")) {
                schema = ImageSchema.of(JSON.readTree(in));
            }
            String body = JSON.writeValueAsString(vector.get("response_body"));
            meta = new ImageMetadata(JSON).fromGlance(new GlanceAnswer("http://glance", 2, null, List.of(), body,
                    schema));
        }
        Map<String, Object> converted = new NovaConversions(JSON).convert(meta);

        JsonNode ours = JSON.readTree(JSON.writeValueAsString(converted));
        assertThat(ours).as(vector.get("note").asText()).isEqualTo(vector.get("nova_image_meta"));
    }
}
