package org.glancelookup;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * {@code java -jar glance-lookup.jar lookup ID}: the same routes, without front doors or broker; the answer is
 * printed on stdout (logs go to stderr) and the exit code says whether it is metadata (0) or an error (1).
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
            Exchange answer = template.request("direct:lookup", e -> e.getMessage().setBody(args[0]));
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
