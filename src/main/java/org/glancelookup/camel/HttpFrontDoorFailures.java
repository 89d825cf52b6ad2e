package org.glancelookup.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.lookup.LookupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP requests that Vert.x refuses before any Camel route sees them (a body over camel.server.max-body-size, a
 * body it cannot decode or read, an Expect it cannot meet) get the InvalidRequest JSON of SPEC section 5 as well,
 * instead of a plain-text status line and, for an undecodable body, an ERROR log line with a stack trace.
 */
final class HttpFrontDoorFailures {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontDoorFailures.class);

    private HttpFrontDoorFailures() {
    }

    /** Installs the failure handler once the front door's router exists (it is made as the context starts). */
    static void answerAsJson(CamelContext context, int maxBodyBytes, ErrorAnswers errorAnswers, ObjectMapper json)
            throws Exception {
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // a failure handler on the router's catch-all route sees every failure of its routes
                for (VertxPlatformHttpRouter router : started.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                    router.route().failureHandler(request -> answer(request, maxBodyBytes, errorAnswers, json));
                }
            }
        });
    }

    private static void answer(RoutingContext request, int maxBodyBytes, ErrorAnswers errorAnswers,
            ObjectMapper json) {
        if (request.response().headWritten() || request.response().closed()) {
            // answered already (the rest of a refused body failing again, as a form decoder does), or the caller
            // is gone (it closed the connection half-way through its body)
            LOG.debug("HTTP request refused after its answer: {}", String.valueOf(request.failure()));
            return;
        }
        int status = request.statusCode();
        // Vert.x' body handler reports a failure to read a body that is not a decoding error with status 200
        boolean unreadableBody = status == 200 && request.failure() != null;
        if (!unreadableBody && (status < 400 || status > 499)) {
            request.next(); // a fault of the service, not of the request: Vert.x' own handling (500, logged)
            return;
        }
        LOG.debug("HTTP request refused before any route: {} {}", status, String.valueOf(request.failure()));
        String why = status == 413 ? "The request is larger than " + maxBodyBytes + " bytes."
                : unreadableBody ? "The HTTP request body could not be read."
                : "The HTTP request could not be read (HTTP " + status + ").";
        byte[] body;
        try {
            body = json.writeValueAsBytes(errorAnswers.answer(LookupFailure.invalidRequest(why), null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings always serialises
        }
        request.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(body));
    }
}
