package org.glancelookup;

import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.glancelookup.mapping.HeldH2File;

/**
 * {@code java -jar glance-lookup.jar lookup ID}: the same routes, without front doors or broker; the answer is
 * printed on stdout (logs go to stderr) and the exit code says whether it is metadata (0) or an error (1). When a
 * running service holds the embedded H2 mapping store, the lookup is that service's to answer: it goes over its
 * request queue, as {@code send ID} does.
 */
final class OneShotLookup {
    private OneShotLookup() {
    }

    static int run(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar glance-lookup.jar lookup IMAGE_ID");
            return 2;
        }
        System.setProperty("glance.log.target", "SYSTEM_ERR");
        System.setProperty("glance.log.level", System.getProperty("glance.log.level", "WARN"));
        try (CommandSettings settings = new CommandSettings()) {
            Optional<String> held = HeldH2File.of(settings.apply("mapping.jdbc-url"),
                    settings.apply("mapping.username"), settings.apply("mapping.password"));
            if (held.isPresent()) {
                return askTheService(args[0], held.get(), settings);
            }
        }
        return lookHere(args[0]);
    }

    private static int askTheService(String imageId, String heldFile, CommandSettings settings) {
        System.err.println("The mapping store " + heldFile + " is held by another process (a running service?);"
                + " asking the service over its request queue.");
        QueueLookup.Outcome outcome = QueueLookup.send(imageId, settings, System.out, System.err);
        if (outcome == QueueLookup.Outcome.NO_BROKER || outcome == QueueLookup.Outcome.NO_REPLY) {
            System.err.println("The lookup cannot run here while another process holds " + heldFile + ": stop that"
                    + " process, or give this command the running service's broker (-Dbroker.embedded-port=PORT or"
                    + " -Dbroker.url=URL), or another mapping store (-Dmapping.jdbc-url=URL).");
        }
        return outcome.exitStatus;
    }

    private static int lookHere(String imageId) throws Exception {
        Main main = new Main();
        main.addOverrideProperty("lookup.one-shot", "true");
        main.addOverrideProperty("lookup.http.enabled", "false");
        main.addOverrideProperty("camel.main.routes-exclude-pattern", "**/lookup-jms.yaml,**/lookup-http.yaml,**/monitoring.yaml");
        main.addOverrideProperty("lookup.downstream-uri", "log:org.glancelookup.oneshot?level=DEBUG");
        main.addOverrideProperty("lookup.errors-uri", "log:org.glancelookup.oneshot?level=DEBUG");
        main.addOverrideProperty("demo.ports", "0,0"); // never clash with a running service's demo Glance
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            ProducerTemplate template = context.createProducerTemplate();
            Exchange answer = template.request("direct:lookup", e -> e.getMessage().setBody(imageId));
            if (answer.getException() != null) {
                System.err.println("lookup failed: " + answer.getException().getMessage());
                return 1;
            }
            System.out.println(answer.getMessage().getBody(String.class));
            return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE) == null ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
