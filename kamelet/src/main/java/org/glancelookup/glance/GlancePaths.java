package org.glancelookup.glance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Variable;
import org.glancelookup.lookup.LookupVariables;

/** The request paths Nova's client uses; the id is percent-encoded, '/' included. */
public class GlancePaths {

    public String v1Image(@Variable(LookupVariables.UUID) String uuid) {
        return image(1, uuid);
    }

    public String v2Image(@Variable(LookupVariables.UUID) String uuid) {
        return image(2, uuid);
    }

    public String image(int apiVersion, String uuid) {
        return "/v" + apiVersion + "/images/" + URLEncoder.encode(uuid, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
