package org.glancelookup.glance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body read into memory up to a cap; past it the connection is dropped and the answer refused. */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The answer was larger than glance.max-response-bytes. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("the answer is larger than glance.max-response-bytes (" + max + " bytes)");
        }
    }

    private final long max;
    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    CappedBody(long max) {
        this.max = max;
        bytes.getBody().whenComplete((body, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(body);
            }
        });
    }

    static HttpResponse.BodyHandler<byte[]> handler(long max) {
        return info -> new CappedBody(max);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > max) {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(max));
            return;
        }
        bytes.onNext(items);
    }

    @Override
    public void onError(Throwable failure) {
        bytes.onError(failure);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}
