package org.glancelookup.glance;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.http.message.LazyLineParser;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.core5.http.MessageConstraintException;

/**
 * The one bounded pool of keep-alive connections to every Glance server. Its connections read answers as Python's
 * http.client does: header lines kept whole (a lazy line parser, no charset: one char per byte), and the whole
 * header section capped.
 */
public final class GlanceConnectionPool {
    /** A pooled connection idle this long is checked for a close by the server before it is used again. */
    private static final TimeValue STALE_CHECK_AFTER = TimeValue.ofSeconds(1);

    private GlanceConnectionPool() {
    }

    /**
     * @param maxConnections  connections to all servers together (and to any one of them)
     * @param maxHeaderBytes  the largest header section read; a larger one fails the attempt
     * @param tls             null for the JVM's default trust (certificates and host names verified)
     * @param insecure        no host name check either (glance.api-insecure)
     */
    public static PoolingHttpClientConnectionManager create(int maxConnections, Duration connectTimeout,
            Duration readTimeout, int maxHeaderBytes, SSLContext tls, boolean insecure)
            throws GeneralSecurityException {
        Http1Config http1 = Http1Config.custom().setMaxLineLength(maxHeaderBytes).setMaxHeaderCount(0).build();
        DefaultClientTlsStrategy tlsStrategy = insecure
                ? new DefaultClientTlsStrategy(tls, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE)
                : new DefaultClientTlsStrategy(tls != null ? tls : SSLContext.getDefault(),
                        HostnameVerificationPolicy.BOTH, HttpsSupport.getDefaultHostnameVerifier());
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(http1)
                        .responseParserFactory(new HeadCap(http1, maxHeaderBytes))
                        .build())
                .setTlsSocketStrategy(tlsStrategy)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .setValidateAfterInactivity(STALE_CHECK_AFTER)
                        .build())
                .build();
    }

    /** Response heads parsed with their raw lines kept, at most maxBytes of header lines in all. */
    private record HeadCap(Http1Config http1, int maxBytes) implements HttpMessageParserFactory<ClassicHttpResponse> {
        @Override
        public HttpMessageParser<ClassicHttpResponse> create(Http1Config ignored) {
            return create();
        }

        @Override
        public HttpMessageParser<ClassicHttpResponse> create() {
            HttpMessageParser<ClassicHttpResponse> parser = new DefaultHttpResponseParserFactory(http1,
                    LazyLineParser.INSTANCE, null).create();
            return (buffer, in) -> parser.parse(new CountingLines(buffer, maxBytes), in);
        }
    }

    /** A session buffer that counts the head's line bytes as they are read, and stops past the cap. */
    private static final class CountingLines implements SessionInputBuffer {
        private final SessionInputBuffer buffer;
        private final int max;
        private long read;

        CountingLines(SessionInputBuffer buffer, int max) {
            this.buffer = buffer;
            this.max = max;
        }

        @Override
        public int readLine(CharArrayBuffer line, InputStream in) throws IOException {
            int before = line.length();
            int n = buffer.readLine(line, in);
            read += Math.max(0, line.length() - before) + 2;
            if (read > max) {
                throw new MessageConstraintException("the answer's header section is larger than "
                        + "glance.max-header-bytes (" + max + " bytes)");
            }
            return n;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] b, int off, int len, InputStream in) throws IOException {
            return buffer.read(b, off, len, in);
        }

        @Override
        public int read(byte[] b, InputStream in) throws IOException {
            return buffer.read(b, in);
        }

        @Override
        public int read(InputStream in) throws IOException {
            return buffer.read(in);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }
}
