package org.glancelookup.step;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * Starts a step's routes when nobody else will. Routes added before Camel starts start with it, and routes added
 * to a running Camel start at once; but a step made while Camel starts its routes (a Kamelet's bean is made then)
 * has routes that Camel creates late and never starts: they are created now and started once Camel has started.
 */
final class StepRoutesStart {
    private StepRoutesStart() {
    }

    static void ensure(CamelContext context, List<String> routeIds) throws Exception {
        if (!context.getStatus().isStarting()) {
            return;
        }
        ModelCamelContext model = (ModelCamelContext) context;
        for (String id : routeIds) {
            RouteDefinition route = model.getRouteDefinition(id);
            if (route != null && context.getRouteController().getRouteStatus(id) == null) {
                model.startRouteDefinitions(List.of(route));
            }
        }
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // routes start only once Camel is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                for (String id : routeIds) {
                    ServiceStatus status = started.getRouteController().getRouteStatus(id);
                    if (status != null && !status.isStarted()) {
                        started.getRouteController().startRoute(id);
                    }
                }
            }
        });
    }
}
