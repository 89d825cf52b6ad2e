package org.glancelookup.glance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * glanceclient v1's {@code _image_meta_from_headers} and {@code _format_image_meta_for_user}: the image
 * metadata of a {@code HEAD /v1/images/{id}} answer, read from its {@code x-image-meta-*} headers.
 */
public final class V1HeaderMetadata {
    private static final String META = "x-image-meta-";
    private static final String PROPERTY = "x-image-meta-property-";

    private V1HeaderMetadata() {
    }

    /**
     * @param headers the answer's headers in the order received; values as a Java client reads them (each
     *                byte one ISO-8859-1 character)
     * @return glanceclient's meta dict: top-level fields plus a {@code properties} map
     */
    public static Map<String, Object> imageMeta(List<Map.Entry<String, String>> headers) {
        Map<String, Object> meta = new LinkedHashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = utf8(header.getValue());
            if (name.startsWith(PROPERTY)) {
                properties.put(utf8(name.substring(PROPERTY.length())), value);
            } else if (name.startsWith(META)) {
                meta.put(utf8(name.substring(META.length())), value);
            }
        }
        meta.put("properties", properties);
        for (String key : List.of("is_public", "protected", "deleted")) {
            if (meta.get(key) instanceof String s) {
                meta.put(key, PythonValues.boolFromString(s));
            }
        }
        for (String key : List.of("size", "min_ram", "min_disk")) {
            if (meta.get(key) instanceof String s) {
                meta.put(key, PythonValues.intOrSelf(s));
            }
        }
        return meta;
    }

    /** Header bytes are UTF-8 on the wire; bytes that are not UTF-8 stay as the ISO-8859-1 characters read. */
    public static String utf8(String latin1) {
        if (latin1 == null) {
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xff) {
                return latin1; // already decoded by someone else: leave it
            }
            if (c > 0x7f) {
                ascii = false;
            }
        }
        if (ascii) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return latin1;
        }
    }
}
