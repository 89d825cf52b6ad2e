package org.glancelookup.operations;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio console in this JVM: the unchanged hawtio war, served by an embedded Jetty 12 at {@code /hawtio},
 * starting and stopping with Camel. Its Jolokia reads Camel's MBeans from the platform MBean server.
 * On loopback it is open (local use); bound anywhere else it requires a login, and without credentials it refuses
 * to start, because an open Jolokia can stop routes.
 */
public class HawtioConsole extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    static final String REALM = "glance-lookup";

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private Server server;
    private Path war;

    public HawtioConsole(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = blankToNull(username);
        this.password = blankToNull(password);
        if (!isLoopback(host) && (this.username == null || this.password == null)) {
            throw new IllegalStateException("hawtio.host=" + host + " is not a loopback address: set hawtio.username"
                    + " and hawtio.password (or keep hawtio.host=127.0.0.1); Hawtio will not serve an open"
                    + " Jolokia beyond this machine");
        }
    }

    public boolean requiresLogin() {
        return username != null && password != null;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected void doStart() throws Exception {
        // Hawtio reads its settings from system properties only
        System.setProperty("hawtio.authenticationEnabled", String.valueOf(requiresLogin()));
        System.setProperty("hawtio.offline", "true");
        if (requiresLogin()) {
            HawtioLoginModule.configure(username, password);
            Path jaas = Files.createTempFile("glance-lookup-jaas", ".conf");
            Files.writeString(jaas, REALM + " { " + HawtioLoginModule.class.getName() + " required; };\n");
            jaas.toFile().deleteOnExit();
            System.setProperty("java.security.auth.login.config", jaas.toString());
            System.setProperty("hawtio.realm", REALM);
            System.setProperty("hawtio.roles", HawtioLoginModule.ROLE);
            System.setProperty("hawtio.rolePrincipalClasses", HawtioLoginModule.RolePrincipal.class.getName());
        }
        war = Files.createTempFile("hawtio", ".war");
        war.toFile().deleteOnExit();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("hawtio/hawtio.war")) {
            if (in == null) {
                throw new IOException("hawtio/hawtio.war is missing from the classpath (mvn package copies it)");
            }
            Files.copy(in, war, StandardCopyOption.REPLACE_EXISTING);
        }
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(war.toString());
        webapp.setThrowUnavailableOnStartupException(true);
        // the war brings its own logging binding and Jolokia: use ours for logging, keep its Jolokia to itself
        webapp.getProtectedClassMatcher().add("org.slf4j.");
        webapp.getHiddenClassMatcher().add("org.jolokia.");
        webapp.getHiddenClassMatcher().add("META-INF.jolokia.");
        server.setHandler(new DeployOnFirstRequest(webapp, host, port));
        server.start(); // binds the port (a clash fails the service's start); the war waits for its first visit
        LOG.info("Hawtio console at http://{}:{}/hawtio/ ({}; deployed on its first request)", host,
                connector.getLocalPort(), requiresLogin() ? "login required" : "open on loopback, no login");
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (war != null) {
            Files.deleteIfExists(war);
        }
    }

    /**
     * Deploys the console on its first request, not at start: the war costs seconds of CPU on a small machine
     * and about 90 MB of memory (its classes, Jetty's, the JIT's code), which a service nobody watches need not
     * pay. The first visitor waits for the deployment.
     */
    private static final class DeployOnFirstRequest extends Handler.Wrapper {
        private final WebAppContext webapp;
        private final String where;
        private volatile boolean deployed;

        DeployOnFirstRequest(WebAppContext webapp, String host, int port) {
            super(webapp);
            this.webapp = webapp;
            this.where = host + ":" + port;
            unmanage(webapp); // not started with the server
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!deployed) {
                deploy();
            }
            return super.handle(request, response, callback);
        }

        private synchronized void deploy() throws Exception {
            if (!deployed) {
                long started = System.nanoTime();
                webapp.start();
                deployed = true;
                LOG.info("Hawtio console deployed on {} in {} ms", where, (System.nanoTime() - started) / 1_000_000);
            }
        }

        @Override
        protected void doStop() throws Exception {
            super.doStop();
            if (webapp.isStarted()) {
                webapp.stop();
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
