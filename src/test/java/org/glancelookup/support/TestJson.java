package org.glancelookup.support;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The tests' one JSON reader and writer (plain Jackson: the answers are read as any client reads them). */
public final class TestJson {
    public static final ObjectMapper JSON = new ObjectMapper();

    private TestJson() {
    }
}
