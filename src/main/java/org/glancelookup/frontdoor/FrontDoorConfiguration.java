package org.glancelookup.frontdoor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxOptions;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.glancelookup.lookup.ErrorAnswers;
import org.glancelookup.operations.LookupMetrics;

/** The HTTP front door: its server (lookup.http.*), its in-flight limit, and the Vert.x workers that serve it. */
public class FrontDoorConfiguration implements CamelConfiguration {
    @PropertyInject("lookup.http.enabled")
    private boolean enabled;
    @PropertyInject("lookup.http.host")
    private String host;
    @PropertyInject("lookup.http.port")
    private int port;
    @PropertyInject("lookup.http.max-body-bytes")
    private int maxBodyBytes;
    @PropertyInject("lookup.http.max-in-flight")
    private int maxInFlight;
    @PropertyInject("lookup.http.spare-workers")
    private int spareWorkers;
    @PropertyInject("lookup.http.busy-retry-after-s")
    private int busyRetryAfterSeconds;
    @BeanInject("errorAnswers")
    private ErrorAnswers errorAnswers;
    @BeanInject("lookupMetrics")
    private LookupMetrics metrics;
    @BeanInject("json")
    private ObjectMapper json;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        InFlightLimit inFlight = new InFlightLimit(maxInFlight);
        registry.bind("httpInFlight", inFlight);
        metrics.watchHttpInFlight(inFlight::inFlight);
        // platform-http runs each request's route on a Vert.x worker and holds it until the answer (Vert.x' default
        // is 20): one per lookup in flight, plus spares that answer ServiceBusy, /metrics and /health meanwhile
        registry.bind("vertxOptions", new VertxOptions().setWorkerPoolSize(maxInFlight + spareWorkers));
        if (enabled) {
            FrontDoorServer.serve(context, host.strip(), port, maxBodyBytes,
                    new FrontDoorRefusals(maxBodyBytes, busyRetryAfterSeconds, errorAnswers, json));
        }
    }
}
