package org.glancelookup.operations;

import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.glancelookup.step.GlanceImageLookup;
import org.glancelookup.step.StopWithCamel;

/**
 * What operators watch: the health answers and the readiness checks of the mapping store and the Glance servers
 * (the broker's is MessagingConfiguration's); the metrics are camel.beans.lookupMetrics, shared with the step.
 */
public class OperationsConfiguration implements CamelConfiguration {
    @BindToRegistry("healthAnswers")
    private final HealthAnswers healthAnswers = new HealthAnswers();
    @BeanInject("glanceLookup")
    private GlanceImageLookup step;
    @BeanInject("lookupMetrics")
    private LookupMetrics metrics;
    @PropertyInject("health.glance-timeout-ms")
    private long glanceTimeoutMs;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        // GET /health/ready: these, the broker's, and Camel's own route checks
        registry.bind("ready-mapping-store", ReadinessChecks.mappingStore(step.dataSource()));
        registry.bind("ready-glance", ReadinessChecks.glance(step::servers, Duration.ofMillis(glanceTimeoutMs)));
        StopWithCamel.register(context, metrics::close);
    }
}
