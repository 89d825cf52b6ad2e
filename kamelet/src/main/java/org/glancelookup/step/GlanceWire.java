package org.glancelookup.step;

import java.net.URI;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.glancelookup.glance.AuthStrategy;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.glance.WireHeaders;
import org.glancelookup.identity.ServiceToken;
import org.glancelookup.lookup.LookupRequest;
import org.glancelookup.lookup.LookupVariables;

/**
 * What a Glance request carries and what its answer's headers were, on the wire. The caller's identity headers
 * (a token among them) are added to the HTTP request itself, so they never become Camel message headers that a
 * later step, a queue or a console could show. The answer's headers are read from the raw response (camel-http
 * would turn a value in brackets into a list) into the variable {@code glanceHeaders}.
 */
public class GlanceWire implements HttpActivityListener {
    private final AuthStrategy auth;
    private volatile Set<HttpHost> servers;

    /**
     * @param servers the step's Glance servers: camel-http may hand this listener to other http endpoints of the
     *                application too (it autowires a registry's only HttpActivityListener), and those must get
     *                neither a caller's token nor their headers taken
     */
    public GlanceWire(AuthStrategy auth, Collection<GlanceServer> servers) {
        this.auth = auth;
        setServers(servers);
    }

    /** The servers now: the catalog's change while Camel runs. */
    void setServers(Collection<GlanceServer> servers) {
        this.servers = servers.stream().filter(GlanceServer::isUsable)
                .map(server -> HttpHost.create(URI.create(server.url()))).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request,
            HttpEntity entity) {
        LookupRequest lookup = exchange.getVariable(LookupVariables.REQUEST, LookupRequest.class);
        if (lookup == null || !servers.contains(host)) {
            return;
        }
        if (lookup.requestIdGiven()) {
            request.addHeader("X-OpenStack-Request-ID", lookup.requestId());
        }
        auth.identityHeaders(lookup.context()).forEach(header -> request.addHeader(header.getKey(),
                header.getValue()));
        ServiceToken own = exchange.getVariable(LookupVariables.SERVICE_TOKEN, ServiceToken.class);
        if (own != null) {
            // the service's own token: its identity (service), or Nova's service user beside the caller's (keystone)
            request.addHeader(auth == AuthStrategy.SERVICE ? "X-Auth-Token" : "X-Service-Token", own.id());
        }
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response,
            HttpEntity entity, long elapsed) {
        if (!servers.contains(host)) {
            return;
        }
        exchange.setVariable(LookupVariables.GLANCE_HEADERS, WireHeaders.asPythonReadsThem(response.getHeaders()));
    }
}
