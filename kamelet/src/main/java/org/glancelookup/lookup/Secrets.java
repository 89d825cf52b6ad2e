package org.glancelookup.lookup;

/** Keeps the caller's token out of anything shown or logged, whatever a Glance server echoed back. */
public final class Secrets {
    private Secrets() {
    }

    public static String redact(String text, LookupRequest request) {
        if (text == null || request == null || !request.context().hasToken()) {
            return text;
        }
        return text.replace(request.context().authToken(), "***");
    }
}
