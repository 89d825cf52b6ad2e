package org.glancelookup.camel;

import java.util.List;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.message.BasicHeader;
import org.glancelookup.glance.AnswerLimits;

/**
 * The HTTP client behind every Glance server's camel-http endpoint: the one shared connection pool, the answer
 * limits first in the client's chain, Nova's client headers, and nothing the client would do on its own: no
 * redirects (glanceclient follows none), no retries (Nova's retries go to the next server), no compression, no
 * cookies.
 */
public class GlanceHttpConfigurer implements HttpClientConfigurer {
    private final HttpClientConnectionManager pool;
    private final AnswerLimits limits;

    public GlanceHttpConfigurer(HttpClientConnectionManager pool, AnswerLimits limits) {
        this.pool = pool;
        this.limits = limits;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setConnectionManager(pool)
                .setConnectionManagerShared(true) // closed once, with Camel, not by each endpoint
                .addExecInterceptorFirst("glance-answer-limits", limits)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .setUserAgent("glance-lookup")
                .setDefaultHeaders(List.of(new BasicHeader("Accept", "application/json")));
    }
}
