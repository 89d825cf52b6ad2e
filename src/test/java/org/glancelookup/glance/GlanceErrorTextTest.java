package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** glanceclient's error text, as observed with the reference code (python3-glanceclient 4.1). */
class GlanceErrorTextTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noBodyGivesTheClassName() {
        assertThat(GlanceErrorText.of(503, null, new byte[0])).isEqualTo("HTTP HTTPServiceUnavailable");
        assertThat(GlanceErrorText.of(400, "text/html", null)).isEqualTo("HTTP HTTPBadRequest");
        assertThat(GlanceErrorText.of(429, null, null)).isEqualTo("HTTP HTTPException");
    }

    @Test
    void htmlBodyGivesItsTextLines() {
        String html = "<html>\n <head>\n  <title>503 Service Unavailable</title>\n </head>\n <body>\n"
                + "  <h1>503 Service Unavailable</h1>\n  The server is currently unavailable.<br /><br />\n\n\n"
                + " </body>\n</html>";
        assertThat(GlanceErrorText.of(503, "text/html; charset=UTF-8", bytes(html)))
                .isEqualTo("HTTP 503 Service Unavailable: The server is currently unavailable.");
    }

    @Test
    void jsonBodyGivesItsMessages() {
        assertThat(GlanceErrorText.of(503, "application/json", bytes("{\"error\": {\"message\": \"busy\"}}")))
                .isEqualTo("HTTP busy");
    }

    @Test
    void plainBodyIsKept() {
        assertThat(GlanceErrorText.of(503, "text/plain", bytes("a\n\nb"))).isEqualTo("HTTP a\nb");
    }
}
