package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC section 4, v1 header rules, one by one. */
class V1HeaderRulesTest {

    private static Map<String, Object> meta(String... nameValues) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(nameValues[i], nameValues[i + 1]));
        }
        return V1HeaderMetadata.imageMeta(headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "true", "on", "y", "yes", "TRUE", " Yes ", "T", "On"})
    void booleanWordsThatMeanTrue(String word) {
        assertThat(meta("x-image-meta-is_public", word).get("is_public")).isEqualTo(true);
        assertThat(meta("x-image-meta-protected", word).get("protected")).isEqualTo(true);
        assertThat(meta("x-image-meta-deleted", word).get("deleted")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "no", "", "2", "yess", "tru", "null", "off"})
    void everyOtherWordIsFalse(String word) {
        assertThat(meta("x-image-meta-is_public", word).get("is_public")).isEqualTo(false);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "42|42", "' 42 '|42", "+7|7", "-3|-3", "1_000|1000", "007|7", "9223372036854775807|9223372036854775807"})
    void integersAsPythonIntTakesThem(String sent, long expected) {
        assertThat(meta("x-image-meta-size", sent).get("size")).isEqualTo(expected);
        assertThat(meta("x-image-meta-min_ram", sent).get("min_ram")).isEqualTo(expected);
        assertThat(meta("x-image-meta-min_disk", sent).get("min_disk")).isEqualTo(expected);
    }

    @Test
    void integersPast64BitsStayExact() {
        assertThat(meta("x-image-meta-size", "18446744073709551616").get("size"))
                .isEqualTo(new BigInteger("18446744073709551616"));
    }

    @Test
    void unicodeDigitsCountAsPythonDoes() {
        assertThat(meta("x-image-meta-size", "٣").get("size")).isEqualTo(3L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1__0", "_1", "1_", "0x10", "1e3", "2x", "1.5", "+", "- 1"})
    void nonIntegersStayAsSent(String sent) {
        assertThat(meta("x-image-meta-min_disk", sent).get("min_disk")).isEqualTo(sent);
    }

    @Test
    void emptyIntegerIsZero() {
        assertThat(meta("x-image-meta-min_ram", "").get("min_ram")).isEqualTo(0L);
    }

    @Test
    void propertiesAndTopLevelAndOthers() {
        Map<String, Object> meta = meta("X-Image-Meta-Property-Kernel_Id", "k", "x-image-meta-name", "n",
                "x-openstack-request-id", "r", "content-type", "text/html");
        assertThat(meta).containsEntry("name", "n").doesNotContainKey("x-openstack-request-id")
                .doesNotContainKey("content-type");
        assertThat(meta.get("properties")).isEqualTo(Map.of("kernel_id", "k"));
    }

    @Test
    void utf8ValuesAreRedecodedAndOtherBytesStayLatin1() {
        String utf8OnWire = new String("débian ✓".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(meta("x-image-meta-name", utf8OnWire).get("name")).isEqualTo("débian ✓");
        String latin1OnWire = "d\u00e9bian"; // one byte 0xE9: not UTF-8
        assertThat(meta("x-image-meta-name", latin1OnWire).get("name")).isEqualTo("débian");
    }
}
