package org.glancelookup.glance;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON configuration of the service: read JSON as strictly, and as far, as Python's json module does. */
public final class GlanceJson {
    /** CPython's limit on the digits of an integer read from text (sys.int_info.default_max_str_digits). */
    static final int PYTHON_MAX_INT_DIGITS = 4300;

    private GlanceJson() {
    }

    public static ObjectMapper newMapper() {
        ObjectMapper json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(PYTHON_MAX_INT_DIGITS).build());
        // "[1] x" is not JSON for Python: no trailing content after the value
        json.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return json;
    }
}
