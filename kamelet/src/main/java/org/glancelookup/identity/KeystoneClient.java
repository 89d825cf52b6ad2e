package org.glancelookup.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.glancelookup.lookup.LookupFailure;

/**
 * Asks Keystone v3 for a token of the service's own ({@code POST /v3/auth/tokens}): 201 with the token in
 * {@code X-Subject-Token} and its expiry and catalog in the body. No answer, a timeout or a 5xx is
 * IdentityUnavailable; any other refusal (401, 403, 404...) is IdentityRejected. Neither message holds a secret.
 */
public class KeystoneClient {
    private final KeystoneCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;

    /** @param tls as GlanceTls gives it (glance.api-insecure, glance.ca-file); null for the JVM's default */
    public KeystoneClient(KeystoneCredentials credentials, SSLContext tls, Duration connectTimeout, Duration timeout,
            ObjectMapper json, Clock clock) {
        this.credentials = credentials;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) { // null: the JVM's default, verified against its trust store
            client.sslContext(tls);
        }
        this.http = client.build();
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
    }

    public String authUrl() {
        return credentials.authUrl();
    }

    /** A new token; LookupFailure IdentityUnavailable or IdentityRejected when there is none to be had. */
    public ServiceToken issue() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(credentials.authUrl() + "/auth/tokens"))
                .timeout(timeout).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.tokenRequest(json))).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw LookupFailure.identityUnavailable(credentials.authUrl(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LookupFailure.identityUnavailable(credentials.authUrl(), "interrupted");
        }
        Instant received = clock.instant();
        int status = answer.statusCode();
        if (status >= 500) {
            throw LookupFailure.identityUnavailable(credentials.authUrl(), "HTTP " + status);
        }
        String token = answer.headers().firstValue("X-Subject-Token").orElse(null);
        if (status != 201 && status != 200 || token == null || token.isBlank()) {
            throw LookupFailure.identityRejected(credentials.authUrl(), status);
        }
        return parse(token, received, answer.body());
    }

    private ServiceToken parse(String token, Instant received, String body) {
        try {
            JsonNode issued = json.readTree(body).path("token");
            Instant expires = Instant.parse(issued.path("expires_at").asText());
            List<ServiceToken.ImageEndpoint> images = new ArrayList<>();
            for (JsonNode service : issued.path("catalog")) {
                if ("image".equals(service.path("type").asText())) {
                    for (JsonNode endpoint : service.path("endpoints")) {
                        images.add(new ServiceToken.ImageEndpoint(endpoint.path("url").asText(),
                                endpoint.path("interface").asText(),
                                endpoint.hasNonNull("region_id") ? endpoint.path("region_id").asText()
                                        : endpoint.path("region").asText(null)));
                    }
                }
            }
            return new ServiceToken(token, received, expires, List.copyOf(images));
        } catch (IOException | DateTimeParseException e) {
            throw LookupFailure.identityUnavailable(credentials.authUrl(), "an unreadable token answer");
        }
    }
}
