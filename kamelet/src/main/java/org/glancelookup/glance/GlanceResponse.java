package org.glancelookup.glance;

import java.util.List;
import java.util.Map;

/**
 * One HTTP answer from one Glance server.
 *
 * @param server  the server's URL
 * @param status  the HTTP status
 * @param headers the headers as Python's HTTP stack hands them to glanceclient ({@link WireHeaders})
 * @param body    the body, or null (HEAD)
 */
public record GlanceResponse(String server, int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
