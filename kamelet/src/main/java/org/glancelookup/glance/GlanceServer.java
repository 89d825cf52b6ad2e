package org.glancelookup.glance;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code glance.api-servers}. An entry that is not a usable URL is kept, with its problem, so that
 * an attempt on it fails like Nova's InvalidEndpoint (a retryable failure) instead of stopping the service.
 *
 * @param index   position in the configured list (the load balancer's output index)
 * @param url     the server as a URL ({@code http://} added when the entry has no scheme)
 * @param problem why the entry cannot be called, or null
 */
public record GlanceServer(int index, String url, String problem) {

    public boolean isUsable() {
        return problem == null;
    }

    public static List<GlanceServer> parseList(String commaList) {
        List<GlanceServer> servers = new ArrayList<>();
        if (commaList == null) {
            return servers;
        }
        for (String entry : commaList.split(",")) {
            if (!entry.isBlank()) {
                servers.add(parse(servers.size(), entry.strip()));
            }
        }
        return servers;
    }

    /** One entry: a URL, or host:port (http). */
    public static GlanceServer parse(int index, String entry) {
        String url = entry.contains("://") ? entry : "http://" + entry;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return new GlanceServer(index, url, "unsupported scheme '" + scheme + "'");
            }
            if (uri.getHost() == null) {
                return new GlanceServer(index, url, "no host name");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return new GlanceServer(index, url, "a query or fragment is not allowed");
            }
            return new GlanceServer(index, url, null);
        } catch (URISyntaxException e) {
            return new GlanceServer(index, url, "malformed endpoint (" + e.getReason() + ")");
        }
    }
}
