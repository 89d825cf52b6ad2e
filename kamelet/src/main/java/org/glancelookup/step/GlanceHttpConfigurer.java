package org.glancelookup.step;

import java.time.Duration;
import java.util.List;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.glancelookup.glance.AnswerLimits;
import org.glancelookup.glance.StaleConnectionRetry;

/**
 * The HTTP client behind every Glance server's camel-http endpoint: the one shared connection pool, the answer
 * limits first in the client's chain, Nova's client headers, and nothing the client would do on its own: no
 * redirects (glanceclient follows none), no retries (Nova's retries go to the next server; the one exception is a
 * pooled connection the server had closed, {@link StaleConnectionRetry}), no compression, no cookies.
 */
public class GlanceHttpConfigurer implements HttpClientConfigurer {
    private final HttpClientConnectionManager pool;
    private final AnswerLimits limits;
    private final Duration connectTimeout;

    /** @param connectTimeout also how long a lookup waits for a pooled connection when all are in use */
    public GlanceHttpConfigurer(HttpClientConnectionManager pool, AnswerLimits limits, Duration connectTimeout) {
        this.pool = pool;
        this.limits = limits;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setConnectionManager(pool)
                .setConnectionManagerShared(true) // closed once, with Camel, not by each endpoint
                .addExecInterceptorFirst("glance-answer-limits", limits)
                .disableRedirectHandling()
                .setRetryStrategy(new StaleConnectionRetry())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout)).build())
                .disableContentCompression()
                .disableCookieManagement()
                .setUserAgent("glance-lookup")
                .setDefaultHeaders(List.of(new BasicHeader("Accept", "application/json")));
    }
}
