package org.glancelookup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glancelookup.glance.GlanceJson;

/**
 * A corpus of cases whose expected results the reference code computed (interop/reference/), and the check that
 * every case agrees: the shared part of the differential tests.
 */
final class ReferenceCorpus {
    static final ObjectMapper JSON = GlanceJson.newMapper();
    /** Canonical text for comparing: keys sorted, numbers as parsed. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** What our code makes of one case, in the corpus's terms ({@link #expected}'s). */
    interface Outcome {
        String of(JsonNode c) throws Exception;
    }

    private ReferenceCorpus() {
    }

    /** The corpus named by the system property (the interop run regenerates it), else the committed resource. */
    static JsonNode load(String property, String resource) throws IOException {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            System.out.println("corpus: " + given);
            return JSON.readTree(Path.of(given).toFile());
        }
        try (InputStream in = ReferenceCorpus.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }

    /** Prints "{label}agree N of M" and the first disagreements, writes target/{report}, and asserts all agree. */
    static void assertAllAgree(JsonNode corpus, String label, String report, Outcome outcome) throws Exception {
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        for (JsonNode c : corpus) {
            String ours = outcome.of(c);
            String expected = expected(c.get("expected"));
            if (ours.equals(expected)) {
                agree++;
            } else {
                disagreements.add(c.get("id").asText() + " (" + c.path("note").asText() + ")\n  reference: "
                        + expected + "\n  ours:      " + ours);
            }
        }
        String summary = label + "agree " + agree + " of " + corpus.size();
        System.out.println(summary);
        disagreements.stream().limit(30).forEach(System.out::println);
        Path file = Path.of("target", report);
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary + "\n" + String.join("\n", disagreements) + "\n");
        assertThat(corpus.size()).isGreaterThanOrEqualTo(500);
        assertThat(disagreements).as(summary).isEmpty();
    }

    static String expected(JsonNode e) throws IOException {
        if (!e.path("available").asBoolean()) {
            return "available=false";
        }
        if (e.has("error")) {
            return "available=true error=" + e.get("error").asText();
        }
        return "available=true " + canonical(e.get("nova_image_meta"));
    }

    static String canonical(JsonNode node) throws IOException {
        return CANONICAL.writeValueAsString(JSON.treeToValue(node, Object.class));
    }
}
