package org.glancelookup.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.glancelookup.glance.AuthStrategy;
import org.glancelookup.glance.GlanceResponse;
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
 * answers 401 to it. Without such a strategy it does nothing.
 */
public class ServiceIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceIdentity.class);

    private final ServiceTokens tokens;

    /** @param tokens null when no strategy sends the service's token */
    public ServiceIdentity(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    /** The step's: with tokens from its Keystone when its strategy sends them (SPEC section 9). */
    static ServiceIdentity of(StepSettings s, AuthStrategy auth, SSLContext tls, GlanceAttemptListener listener,
            ObjectMapper json) {
        if (auth != AuthStrategy.SERVICE && !(auth == AuthStrategy.KEYSTONE && s.keystoneServiceToken)) {
            return new ServiceIdentity(null);
        }
        KeystoneCredentials credentials = new KeystoneCredentials(s.keystoneAuthUrl, s.keystoneUsername,
                s.keystonePassword, s.keystoneProjectName, s.keystoneUserDomainName, s.keystoneProjectDomainName,
                s.keystoneApplicationCredentialId, s.keystoneApplicationCredentialSecret);
        Duration connectTimeout = Duration.ofMillis(s.connectTimeoutMs);
        Duration readTimeout = Duration.ofMillis(s.readTimeoutMs);
        KeystoneClient keystone = new KeystoneClient(credentials, tls, connectTimeout, readTimeout, json,
                Clock.systemUTC());
        LOG.info("{}: the service's own Keystone identity: {}", s.name, credentials);
        return new ServiceIdentity(new ServiceTokens(keystone::issue, credentials.authUrl(), Clock.systemUTC(),
                connectTimeout.plus(readTimeout), listener::tokenRequested));
    }

    /** The server routes' step before each request; LookupFailure IdentityUnavailable/IdentityRejected. */
    public void attach(Exchange exchange) {
        if (tokens != null) {
            exchange.setVariable(LookupVariables.SERVICE_TOKEN, tokens.token());
        }
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
