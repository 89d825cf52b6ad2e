package org.glancelookup.glance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The request paths Nova's client uses; the id is percent-encoded, '/' included. */
public class GlancePaths {

    public String image(int apiVersion, String uuid) {
        return "/v" + apiVersion + "/images/" + URLEncoder.encode(uuid, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
