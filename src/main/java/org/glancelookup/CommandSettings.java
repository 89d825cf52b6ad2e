package org.glancelookup;

import java.util.function.UnaryOperator;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The service's own settings (application.properties, -D, environment) as the {@code lookup} and {@code send}
 * commands read them before any route runs, so they find the service's broker and mapping store; "" when unset.
 */
final class CommandSettings implements UnaryOperator<String>, AutoCloseable {
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final PropertiesComponent properties = context.getPropertiesComponent();

    CommandSettings() {
        properties.setLocation("classpath:application.properties");
    }

    @Override
    public String apply(String key) {
        return properties.resolveProperty(key).map(String::strip).orElse("");
    }

    @Override
    public void close() {
        context.stop();
    }
}
