package org.glancelookup.operations;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The Hawtio console (hawtio.*), started and stopped with Camel; a one-shot lookup has none. */
public class ConsoleConfiguration implements CamelConfiguration {
    @PropertyInject("hawtio.enabled")
    private boolean enabled;
    @PropertyInject("lookup.one-shot")
    private boolean oneShot;
    @PropertyInject("hawtio.host")
    private String host;
    @PropertyInject("hawtio.port")
    private int port;
    @PropertyInject("hawtio.username")
    private String username;
    @PropertyInject("hawtio.password")
    private String password;

    @Override
    public void configure(CamelContext context) throws Exception {
        if (enabled && !oneShot) {
            context.addService(new HawtioConsole(host.strip(), port, username.strip(), password.strip()), true, true);
        }
    }
}
