package org.glancelookup.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.glancelookup.glance.AuthStrategy;
import org.glancelookup.glance.GlanceResponse;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.identity.KeystoneClient;
import org.glancelookup.identity.KeystoneCredentials;
import org.glancelookup.identity.ServiceToken;
import org.glancelookup.identity.ServiceTokenRejected;
import org.glancelookup.identity.ServiceTokens;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own token on each Glance attempt (auth.strategy=service, or keystone with keystone.service-token):
 * attached before the request as the variable serviceToken (GlanceWire sends it), and renewed once when Glance
 * answers 401 to it. When the Keystone catalog names the Glance servers, each attempt also brings the catalog of
 * the newest token to the round robin ({@link GlanceCatalog}). Without either it does nothing.
 */
public class ServiceIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceIdentity.class);

    private final ServiceTokens tokens;
    private final boolean sendsToken;
    private final GlanceCatalog catalog;

    /**
     * @param tokens     null when neither a strategy sends the service's token nor the catalog names the servers
     * @param sendsToken whether Glance gets the token (else only its catalog is used)
     * @param catalog    null with configured servers
     */
    ServiceIdentity(ServiceTokens tokens, boolean sendsToken, GlanceCatalog catalog) {
        this.tokens = tokens;
        this.sendsToken = sendsToken;
        this.catalog = catalog;
    }

    /** Whether the step's settings send the service's own token to Glance (SPEC section 9). */
    static boolean sendsToken(StepSettings s, AuthStrategy auth) {
        return auth == AuthStrategy.SERVICE || auth == AuthStrategy.KEYSTONE && s.keystoneServiceToken;
    }

    /** The step's tokens from its Keystone, when it sends them or reads the catalog with them; else null. */
    static ServiceTokens tokens(StepSettings s, AuthStrategy auth, SSLContext tls, GlanceAttemptListener listener,
            ObjectMapper json, boolean catalog) {
        if (!sendsToken(s, auth) && !catalog) {
            return null;
        }
        KeystoneCredentials credentials = new KeystoneCredentials(s.keystoneAuthUrl, s.keystoneUsername,
                s.keystonePassword, s.keystoneProjectName, s.keystoneUserDomainName, s.keystoneProjectDomainName,
                s.keystoneApplicationCredentialId, s.keystoneApplicationCredentialSecret);
        Duration connectTimeout = Duration.ofMillis(s.connectTimeoutMs);
        Duration readTimeout = Duration.ofMillis(s.readTimeoutMs);
        KeystoneClient keystone = new KeystoneClient(credentials, tls, connectTimeout, readTimeout, json,
                Clock.systemUTC());
        LOG.info("{}: the service's own Keystone identity: {}", s.name, credentials);
        return new ServiceTokens(keystone::issue, credentials.authUrl(), Clock.systemUTC(),
                connectTimeout.plus(readTimeout), listener::tokenRequested);
    }

    /**
     * The balancer route's step before each attempt. LookupFailure IdentityUnavailable/IdentityRejected, or
     * GlanceConnectionFailed while the catalog names no Glance server.
     */
    public void attach(Exchange exchange) {
        if (tokens != null) {
            ServiceToken token = tokens.token();
            if (catalog != null) {
                catalog.follow(token);
            }
            if (sendsToken) {
                exchange.setVariable(LookupVariables.SERVICE_TOKEN, token);
            }
        }
    }

    /** The catalog's servers now, after a token request if one is due (a readiness check asks). */
    List<GlanceServer> discoveredServers() {
        catalog.follow(tokens.token());
        return catalog.servers();
    }

    /** The answer's step: a first 401 to the service's token makes a new one and another attempt. */
    public void checkRejected(Exchange exchange, @Body GlanceResponse response) {
        ServiceToken sent = exchange.getVariable(LookupVariables.SERVICE_TOKEN, ServiceToken.class);
        if (sent == null || response.status() != 401
                || Boolean.TRUE.equals(exchange.getVariable(LookupVariables.SERVICE_TOKEN_RENEWED, Boolean.class))) {
            return;
        }
        tokens.rejected(sent);
        exchange.setVariable(LookupVariables.SERVICE_TOKEN_RENEWED, true);
        throw new ServiceTokenRejected(exchange.getVariable(LookupVariables.GLANCE_SERVER, String.class));
    }

    /** The attempts ran out while Glance kept refusing the service's tokens. */
    public LookupFailure notAuthorized(Object uuid) {
        return LookupFailure.notAuthorized(uuid);
    }
}
