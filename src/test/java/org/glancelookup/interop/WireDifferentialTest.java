package org.glancelookup.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import org.glancelookup.support.RawGlance;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The v1 path over the wire, against the reference implementation: each case of the corpus is the raw bytes of
 * a HEAD answer (header values from the whole field-value grammar), which interop/reference/wire.py fed to
 * glanceclient's own HTTP client and Nova's conversions. Here a byte-level server (RawGlance) sends the same
 * bytes to the running service, through its camel-http endpoint, and its answer must be Nova's.
 * The corpus is the committed src/test/resources/wire-corpus.json, or the one given by -Dglance.wire-corpus
 * (the interop run regenerates it from the reference code first).
 */
@Tag("differential")
class WireDifferentialTest {
    private static final ObjectMapper JSON = ReferenceCorpus.JSON;

    @Test
    void theServiceReadsTheWireAsGlanceclientAndNovaDo() throws Exception {
        JsonNode corpus = ReferenceCorpus.load("glance.wire-corpus", "/wire-corpus.json");
        try (RawGlance glance = new RawGlance(RawGlance.bytes(new byte[0]))) {
            try (TestService service = TestService.start(
                    "glance.api-servers", glance.url(),
                    "glance.api-version", "1")) {
                ReferenceCorpus.assertAllAgree(corpus, "over the wire: ", "wire-differential-report.txt", c -> {
                    glance.answer(RawGlance.bytes(Base64.getDecoder().decode(c.get("response_b64").asText())));
                    ObjectNode request = JSON.createObjectNode();
                    request.put("image_id", c.get("uuid").asText());
                    request.set("context", c.get("context"));
                    return outcome(JSON.readTree(service.lookupBody(JSON.writeValueAsString(request))));
                });
            }
        }
    }

    /**
     * The service's answer in the corpus's terms: Nova's dict before S3ImageService's uuid->id translation (so its
     * id is the uuid again, without the uuid and ec2_id keys the translation adds).
     */
    private static String outcome(JsonNode answer) throws IOException {
        if (answer.has("error")) {
            String error = answer.get("error").asText();
            return error.equals("ImageNotFound") ? "available=false" : "available=true error=" + error;
        }
        ObjectNode meta = answer.deepCopy();
        meta.set("id", meta.get("uuid"));
        meta.remove("uuid");
        meta.remove("ec2_id");
        return "available=true " + ReferenceCorpus.canonical(meta);
    }
}
