package org.glancelookup.glance;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.core5.http.FormattedHeader;
import org.apache.hc.core5.http.Header;

/**
 * A response's headers as glanceclient gets them from Python's stack (http.client, then urllib3 and requests):
 * each value is the bytes after the colon with the spaces and tabs right after it removed, everything else kept
 * (whitespace inside and at the end, commas, brackets, quotes), one ISO-8859-1 character per byte; a repeated
 * header is one entry, its values joined with ", " in the order received, under the name first seen.
 */
public final class WireHeaders {
    private WireHeaders() {
    }

    /** @param headers as HttpClient parsed them; with a lazy line parser each keeps its raw line */
    public static List<Map.Entry<String, String>> asPythonReadsThem(Header[] headers) {
        Map<String, String[]> byName = new LinkedHashMap<>();
        for (Header header : headers) {
            String value = rawValue(header);
            String[] entry = byName.get(header.getName().toLowerCase(Locale.ROOT));
            if (entry == null) {
                byName.put(header.getName().toLowerCase(Locale.ROOT), new String[] {header.getName(), value});
            } else {
                entry[1] = entry[1] + ", " + value;
            }
        }
        List<Map.Entry<String, String>> read = new ArrayList<>(byName.size());
        for (String[] entry : byName.values()) {
            read.add(new AbstractMap.SimpleImmutableEntry<>(entry[0], entry[1]));
        }
        return read;
    }

    /** The value as sent: the line after the colon, less the spaces and tabs right after it (Python's lstrip). */
    static String rawValue(Header header) {
        if (!(header instanceof FormattedHeader formatted)) {
            return header.getValue(); // already trimmed by the parser: only a lazy line parser keeps the raw line
        }
        var line = formatted.getBuffer();
        int start = formatted.getValuePos();
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        return line.substring(start, line.length());
    }
}
