package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancelookup.lookup.LookupError;
import org.glancelookup.lookup.LookupFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps as oslo's parse_isotime reads them, written as UTC instants; JSON-string properties parsed. */
class NovaConversionsTest {
    private final NovaConversions conversions = new NovaConversions(new ObjectMapper());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2012-11-02T17:40:22|2012-11-02T17:40:22Z",
        "2012-11-02T17:40:22.5|2012-11-02T17:40:22.500000Z",
        "2012-11-02 17:40:22|2012-11-02T17:40:22Z",
        "2012-11-02|2012-11-02T00:00:00Z",
        "2012-11-02T17:40|2012-11-02T17:40:00Z",
        "20121102T174022|2012-11-02T17:40:22Z",
        "2012-11-02T17:40:22+02:00|2012-11-02T15:40:22Z",
        "2012-11-02T17:40:22-0530|2012-11-02T23:10:22Z",
        "2012-11-02T17:40:22.123456789Z|2012-11-02T17:40:22.123456Z",
        "2012-11-02T17:40:22,5|2012-11-02T17:40:22.500000Z",
        "2013-01-01T00:00:00.000001|2013-01-01T00:00:00.000001Z",
        "2012-11-02T17|2012-11-02T17:00:00Z",
        "2012|2012-01-01T00:00:00Z",
        "2012-11|2012-11-01T00:00:00Z",
        "2012-1-2|2012-01-02T00:00:00Z",
        "2012-11-02T17:40:22+02|2012-11-02T15:40:22Z",
        "2012-11-02T1740|2012-11-02T17:40:00Z",
        "2012-11-02T17:40:22.9999999|2012-11-02T17:40:22.999999Z"})
    void timestampsBecomeUtcInstants(String sent, String expected) {
        assertThat(conversions.convert(meta("created_at", sent)).get("created_at")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "2012-13-02T00:00:00", "2012-11-02T24:00:00", "2012-11-02T17:40:60",
        "201211", " 2012-11-02", "2012-11-02T17:40:22z", "2012-11-02t17:40:22", "2012-11-02T17:40:22+2:00"})
    void badTimestampsAreInvalidGlanceResponses(String sent) {
        assertThatThrownBy(() -> conversions.convert(meta("updated_at", sent)))
                .isInstanceOfSatisfying(LookupFailure.class,
                        f -> assertThat(f.error()).isEqualTo(LookupError.InvalidGlanceResponse));
    }

    @Test
    void aTrailingNewlineIsAcceptedAsPythonsRegexDoes() {
        assertThat(conversions.convert(meta("created_at", "2012-11-02T17:40:22\n")).get("created_at"))
                .isEqualTo("2012-11-02T17:40:22Z");
    }

    @Test
    void emptyAndMissingTimestampsAreLeftAlone() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("created_at", "");
        meta.put("deleted_at", null);
        assertThat(conversions.convert(meta)).containsEntry("created_at", "").containsEntry("deleted_at", null);
    }

    @Test
    void jsonStringPropertiesAreParsed() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("properties", Map.of("block_device_mapping", "[{\"device_name\": \"vda\"}]",
                "mappings", "[]", "other", "[1]"));
        Map<?, ?> properties = (Map<?, ?>) conversions.convert(meta).get("properties");
        assertThat(properties.get("block_device_mapping")).isEqualTo(List.of(Map.of("device_name", "vda")));
        assertThat(properties.get("mappings")).isEqualTo(List.of());
        assertThat(properties.get("other")).isEqualTo("[1]");
    }

    @Test
    void badJsonPropertyIsAnInvalidGlanceResponse() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("properties", Map.of("mappings", "{not json"));
        assertThatThrownBy(() -> conversions.convert(meta)).isInstanceOf(LookupFailure.class)
                .hasMessageContaining("mappings");
    }

    private static Map<String, Object> meta(String key, Object value) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(key, value);
        return meta;
    }
}
