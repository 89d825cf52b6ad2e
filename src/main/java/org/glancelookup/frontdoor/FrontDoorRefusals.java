package org.glancelookup.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.lookup.LookupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of the HTTP front door that no Camel route gives: requests that Vert.x refuses before any route sees
 * them (a request line or header section it cannot decode or that is too long, a path or query that is not validly
 * percent-encoded, a body over the limit or that cannot be read) get the InvalidRequest JSON of SPEC section 5, and
 * requests while the routes do not run (starting, stopping) get ServiceBusy, instead of an empty or plain-text body.
 */
final class FrontDoorRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoorRefusals.class);

    private final int maxBodyBytes;
    private final int retryAfterSeconds;
    private final ErrorAnswers errorAnswers;
    private final ObjectMapper json;

    FrontDoorRefusals(int maxBodyBytes, int retryAfterSeconds, ErrorAnswers errorAnswers, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = retryAfterSeconds;
        this.errorAnswers = errorAnswers;
        this.json = json;
    }

    /** ServiceBusy while no lookup can be answered; the connection closes, so a keep-alive caller reconnects. */
    void busy(RoutingContext request, String phase) {
        HttpServerResponse response = request.response()
                .putHeader("Retry-After", String.valueOf(retryAfterSeconds)).putHeader("Connection", "close");
        end(response, LookupFailure.notRunning(phase, retryAfterSeconds));
    }

    /** Vert.x' decoder could not read the request line or headers; nothing after them on the connection is read. */
    void undecodable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        String why = cause instanceof TooLongHttpLineException
                ? "The HTTP request line is longer than " + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH + " bytes."
                : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException
                ? "The HTTP request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes."
                : "The HTTP request line or headers could not be read.";
        LOG.debug("HTTP request not decodable: {}", String.valueOf(cause));
        HttpServerResponse response = request.response().putHeader("Connection", "close");
        end(response, LookupFailure.invalidRequest(why));
        response.close();
    }

    /** A failure of the front door's routes or router: the request's fault is InvalidRequest, the service's not. */
    void failed(RoutingContext request) {
        answerFailure(request, request.statusCode());
    }

    /**
     * A request no route could be matched against: Vert.x fails the match with 400 when it cannot decode the
     * query or path, and with 404 when no route matches, which with the catch-all route means the same.
     */
    void unmatched(RoutingContext request) {
        answerFailure(request, 400);
    }

    private void answerFailure(RoutingContext request, int status) {
        if (request.response().headWritten() || request.response().closed()) {
            // answered already (the rest of a refused body failing again, as a form decoder does), or the caller
            // is gone (it closed the connection half-way through its body)
            LOG.debug("HTTP request refused after its answer: {}", String.valueOf(request.failure()));
            return;
        }
        // Vert.x' body handler reports a failure to read a body that is not a decoding error with status 200
        boolean unreadableBody = status == 200 && request.failure() != null;
        if (!unreadableBody && (status < 400 || status > 499)) {
            request.next(); // a fault of the service, not of the request: Vert.x' own handling (500, logged)
            return;
        }
        LOG.debug("HTTP request refused before any route: {} {}", status, String.valueOf(request.failure()));
        end(request.response(), LookupFailure.invalidRequest(why(request, status, unreadableBody)));
    }

    private String why(RoutingContext request, int status, boolean unreadableBody) {
        Throwable failure = request.failure();
        if (status == 413) {
            return "The request is larger than " + maxBodyBytes + " bytes.";
        } else if (unreadableBody) {
            return "The HTTP request body could not be read.";
        } else if (status == 404) {
            return "The request path must start with '/'.";
        } else if (failure == null || failure instanceof IllegalArgumentException) {
            // Vert.x fails a path or query it cannot decode with a bare 400 (or its decoder's exception)
            return "The request path or query could not be decoded (is it validly percent-encoded?).";
        } else if (failure instanceof VertxException) {
            return "The HTTP request could not be read: " + failure.getMessage(); // Vert.x' words, no input
        }
        return "The HTTP request could not be read (HTTP " + status + ").";
    }

    private void end(HttpServerResponse response, LookupFailure failure) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(errorAnswers.answer(failure, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings always serialises
        }
        response.setStatusCode(failure.error().httpStatus())
                .putHeader("Content-Type", "application/json; charset=utf-8").end(Buffer.buffer(body));
    }
}
