package org.glancelookup.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.glancelookup.glance.GlanceJson;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.lookup.LookupRequests;

/**
 * The beans the door and lookup routes call by name besides the step itself, which is the library's
 * GlanceImageLookup declared in config/application.properties ({@code camel.beans.glanceLookup}).
 */
public class LookupConfiguration implements CamelConfiguration {
    // fields, not methods: bound in this order when camel-main post-processes the class, before any configure()
    @BindToRegistry("json")
    private final ObjectMapper json = GlanceJson.newMapper();
    @BindToRegistry("lookupRequests")
    private final LookupRequests lookupRequests = new LookupRequests(json);
    @BindToRegistry("errorAnswers")
    private final ErrorAnswers errorAnswers = new ErrorAnswers();
}
