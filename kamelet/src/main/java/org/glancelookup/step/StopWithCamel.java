package org.glancelookup.step;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/** Resources that are not Camel services (pools, servers, registries) closed when Camel stops its services. */
public final class StopWithCamel {
    private StopWithCamel() {
    }

    /** Runs {@code stop} when Camel stops its services (in reverse order of registration). */
    public static void register(CamelContext context, Runnable stop) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                stop.run();
            }
        }, true, true);
    }
}
