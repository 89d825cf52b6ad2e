package org.glancelookup.step;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;

/**
 * The step's answers as JSON text, with the step's own mapper. Not a bound ObjectMapper: Camel's Jackson data
 * format takes a registry's only ObjectMapper as its default, and the step must not change a host's JSON.
 */
public class JsonText {
    private final ObjectMapper json;

    public JsonText(ObjectMapper json) {
        this.json = json;
    }

    public String write(@Body Object body) throws JsonProcessingException {
        return json.writeValueAsString(body);
    }
}
