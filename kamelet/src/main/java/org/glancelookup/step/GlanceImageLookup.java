package org.glancelookup.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.Service;
import org.apache.camel.support.AsyncCallbackToCompletableFutureAdapter;
import org.apache.camel.support.AsyncProcessorHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.glancelookup.glance.GlanceServer;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupVariables;
import org.glancelookup.mapping.S3ImageMappingStore;

/**
 * The step {@code kamelet:glance-image-lookup-action} runs, and the service's {@code lookup} route too: one lookup
 * as Nova does it (SPEC section 8). On its first start it makes its routes from the library's templates, named
 * after {@link StepSettings#setName} (StepAssembly); each exchange then goes through them. A failed lookup leaves
 * the variable {@code failure} and, with throwExceptionOnFailure (the default), fails the exchange with it.
 */
public class GlanceImageLookup extends StepSettings implements AsyncProcessor, CamelContextAware, Service {
    private CamelContext camelContext;
    private GlanceAttemptListener attemptListener = GlanceAttemptListener.NONE;
    private ObjectMapper json;
    private StepAssembly.Assembled assembled;
    private volatile AsyncProducer entry; // set on start, read by every lookup thread

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** A host's metrics of Glance attempts (the service's); none by default. */
    public void setAttemptListener(GlanceAttemptListener attemptListener) {
        this.attemptListener = attemptListener;
    }

    /** The JSON mapper of the answers; the library's own by default. */
    public void setJson(ObjectMapper json) {
        this.json = json;
    }

    /** The mapping store's pool, for a host's readiness check. */
    public DataSource dataSource() {
        return assembled.dataSource();
    }

    /** The mapping store, for a host that maps images up front (the service's demo). */
    public S3ImageMappingStore mappingStore() {
        return assembled.store();
    }

    /**
     * The Glance servers: as parsed from apiServers, or the Keystone catalog's now (after a token request when one
     * is due: LookupFailure IdentityUnavailable, IdentityRejected, or GlanceConnectionFailed with no image endpoint).
     */
    public List<GlanceServer> servers() {
        return assembled.servers().get();
    }

    /** Makes the step's beans and routes once; a host may call it before Camel starts, or Camel does on start. */
    @Override
    public synchronized void init() {
        if (assembled == null) {
            assembled = StepAssembly.assemble(camelContext, this, attemptListener, json);
        }
    }

    @Override
    public synchronized void start() {
        init();
        if (entry == null) {
            try {
                entry = camelContext.getEndpoint("direct:" + name).createAsyncProducer();
            } catch (Exception e) {
                throw RuntimeCamelException.wrapRuntimeException(e);
            }
            ServiceHelper.startService(entry);
        }
    }

    @Override
    public synchronized void stop() {
        ServiceHelper.stopService(entry);
        entry = null;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        exchange.removeVariable(LookupVariables.FAILURE); // a pipeline may run the step more than once on one exchange
        return entry.process(exchange, doneSync -> {
            LookupFailure failure = exchange.getVariable(LookupVariables.FAILURE, LookupFailure.class);
            if (failure != null) {
                // the step's routes handled it; to the caller it is a fresh outcome: its route goes on, or its own
                // error handler takes the LookupFailure (Camel would skip a failure already handled and exhausted)
                exchange.getExchangeExtension().setErrorHandlerHandled(null);
                exchange.getExchangeExtension().setFailureHandled(false);
                exchange.getExchangeExtension().setRedeliveryExhausted(false);
                if (throwExceptionOnFailure) {
                    exchange.setException(failure);
                }
            }
            callback.done(doneSync);
        });
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AsyncProcessorHelper.process(this, exchange);
    }

    @Override
    public CompletableFuture<Exchange> processAsync(Exchange exchange) {
        AsyncCallbackToCompletableFutureAdapter<Exchange> callback = new AsyncCallbackToCompletableFutureAdapter<>(
                exchange);
        process(exchange, callback);
        return callback.getFuture();
    }
}
