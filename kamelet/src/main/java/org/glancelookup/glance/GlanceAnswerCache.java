package org.glancelookup.glance;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glancelookup.lookup.RequestContext;

/**
 * Glance's successful answers by image uuid, for {@code glance.cache.ttl-ms}, at most {@code glance.cache.max-entries}
 * of them; off when the TTL is 0. Single flight: while one lookup asks Glance for an image, concurrent lookups of
 * the same image wait for its answer instead of asking again. Failures are not kept, and a cached answer is only
 * Glance's answer: each caller's availability check runs on it. Where the auth strategy sends the caller's token
 * (or identity) to Glance, Glance's answer depends on it, so answers are kept per image and per identity sent
 * (as a SHA-256 digest: no token is kept).
 */
public final class GlanceAnswerCache {
    /** What a lookup does about the cache: use an answer, or ask Glance and then {@link Lead#share} or abandon. */
    public sealed interface Turn permits Cached, Lead, AskGlance {}

    /** A fresh (or just arrived) answer for the image. */
    public record Cached(GlanceAnswer answer) implements Turn {}

    /** This lookup asks Glance; the others wait for what it shares. */
    public static final class Lead implements Turn {
        private final CompletableFuture<GlanceAnswer> answer;

        Lead(CompletableFuture<GlanceAnswer> answer) {
            this.answer = answer;
        }

        public void share(GlanceAnswer glanceAnswer) {
            answer.complete(glanceAnswer);
        }

        /** The lead failed: the entry goes, and the waiting lookups ask Glance themselves. */
        public void abandon() {
            answer.completeExceptionally(new IllegalStateException("the lookup asking Glance failed"));
        }
    }

    /** Ask Glance without sharing (cache off, or the lead failed or took too long). */
    public record AskGlance() implements Turn {}

    private static final AskGlance ASK = new AskGlance();

    private final AsyncCache<String, GlanceAnswer> answers;
    private final Duration maxWait;
    private final AuthStrategy auth;

    /**
     * @param ttl        how long an answer is reused; zero turns the cache (and single flight) off
     * @param maxEntries the most answers kept
     * @param maxWait    the longest a lookup waits for another's answer before asking Glance itself
     * @param auth       what of the caller's identity goes to Glance
     */
    public GlanceAnswerCache(Duration ttl, long maxEntries, Duration maxWait, AuthStrategy auth) {
        this.maxWait = maxWait;
        this.auth = auth;
        // an AsyncCache starts the TTL when the answer arrives and drops failed futures by itself
        this.answers = ttl.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).buildAsync();
    }

    public boolean enabled() {
        return answers != null;
    }

    /** This lookup's turn for the image: a cached answer (maybe after waiting for another's call), or a call. */
    public Turn turn(String uuid, RequestContext context) throws InterruptedException {
        if (answers == null) {
            return ASK;
        }
        CompletableFuture<GlanceAnswer> mine = new CompletableFuture<>();
        CompletableFuture<GlanceAnswer> existing = answers.asMap().putIfAbsent(key(uuid, context), mine);
        if (existing == null) {
            return new Lead(mine);
        }
        try {
            return new Cached(existing.get(maxWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return ASK;
        }
    }

    private String key(String uuid, RequestContext context) {
        String identity = auth.identitySent(context);
        if (identity.isEmpty()) {
            return uuid;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return uuid + " " + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Answers kept now (for tests and the benchmark's sanity checks). */
    public long size() {
        return answers == null ? 0 : answers.synchronous().estimatedSize();
    }
}
