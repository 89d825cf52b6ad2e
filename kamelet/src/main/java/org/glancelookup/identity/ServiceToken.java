package org.glancelookup.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One token of the service's own, as Keystone issued it. {@link #toString()} never shows the token itself.
 *
 * @param receivedAt when it arrived here (its lifetime is counted from then, so clock skew does not matter)
 * @param catalog    the token's catalog: its {@code image} endpoints
 */
public record ServiceToken(String id, Instant receivedAt, Instant expiresAt, List<ImageEndpoint> catalog) {

    /** An {@code image} endpoint of the catalog. */
    public record ImageEndpoint(String url, String interfaceName, String region) {
    }

    /** When a new token is asked for: after three quarters of this one's life. */
    public Instant renewAt() {
        return receivedAt.plus(life().multipliedBy(3).dividedBy(4));
    }

    /** Until when it is sent: a tenth of its life (at most 30 s) before it expires, for the answer's way back. */
    public Instant usableUntil() {
        Duration margin = life().dividedBy(10);
        return expiresAt.minus(margin.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : margin);
    }

    private Duration life() {
        Duration life = Duration.between(receivedAt, expiresAt);
        return life.isNegative() ? Duration.ZERO : life;
    }

    /**
     * The URLs of the image endpoints for this interface ({@code internal}, else {@code public} when it has none)
     * and region (null: any), in catalog order.
     */
    public List<String> imageUrls(String interfaceName, String region) {
        List<String> wanted = urls(interfaceName, region);
        return wanted.isEmpty() && "internal".equals(interfaceName) ? urls("public", region) : wanted;
    }

    private List<String> urls(String interfaceName, String region) {
        return catalog.stream().filter(e -> e.interfaceName().equals(interfaceName))
                .filter(e -> region == null || region.equals(e.region())).map(ImageEndpoint::url).toList();
    }

    @Override
    public String toString() {
        return "service token (expires " + expiresAt + ")";
    }
}
