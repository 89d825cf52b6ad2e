package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.BeanInject;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.glancelookup.lookup.LookupVariables;
import org.junit.jupiter.api.Test;

/**
 * The routes as Hawtio and JMX see them, with camel-test-main-junit5 running the real configuration: every route
 * and every step has an id, and one lookup passes through the pipeline's routes in order.
 */
@CamelMainTest(useJmx = true, properties = {
    "lookup.http.port=0", "broker.embedded-port=0", "broker.data-dir=target/test-brokers/route-model",
    "mapping.jdbc-url=jdbc:h2:mem:route-model;DB_CLOSE_DELAY=-1", "demo.ports=0,0", "hawtio.enabled=false"})
class RouteModelTest {
    @BeanInject
    CamelContext context;

    @BeanInject
    ProducerTemplate template;

    @Test
    void everyRouteHasItsIdAndDescription() {
        List<RouteDefinition> routes = ((ModelCamelContext) context).getRouteDefinitions();
        assertThat(routes).extracting(RouteDefinition::getRouteId).contains("lookup-jms", "lookup-http", "lookup",
                "glance-lookup", "glance-lookup-translate-id", "glance-lookup-translate-uuids",
                "glance-lookup-call-glance", "glance-lookup-glance-server-0", "glance-lookup-glance-server-1",
                "glance-lookup-glance-answer", "glance-lookup-to-metadata", "glance-lookup-failed", "publish",
                "publish-error");
        assertThat(routes).allSatisfy(route -> assertThat(route.getDescriptionText()).isNotBlank());
        assertThat(routes).allSatisfy(route -> route.getOutputs()
                .forEach(step -> assertThat(step.getId()).as("step of %s", route.getRouteId()).isNotBlank()));
    }

    @Test
    void everyGlanceServerIsACamelHttpEndpointInJmx() throws Exception {
        // the two demo servers: each attempt leaves through its server's camel-http endpoint, which JMX (and so
        // Hawtio's endpoint list) shows
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        List<String> endpoints = new java.util.ArrayList<>();
        for (javax.management.ObjectName name : jmx.queryNames(new javax.management.ObjectName(
                "org.apache.camel:type=endpoints,*"), null)) {
            endpoints.add(String.valueOf(jmx.getAttribute(name, "EndpointUri")));
        }
        assertThat(endpoints.stream().filter(uri -> uri.startsWith("http://127.0.0.1:")).distinct())
                .as("http endpoints in %s", endpoints).hasSize(2)
                .allMatch(uri -> uri.contains("httpClientConfigurer=%23glance-lookup.glanceHttpConfigurer")
                        || uri.contains("httpClientConfigurer=#glance-lookup.glanceHttpConfigurer"));
    }

    @Test
    void theCatchAllHttpRouteStartsLast() {
        // Vert.x tries routes in the order they were added: the prefix route "/" must come after every path
        var started = context.getCamelContextExtension().getRouteStartupOrder();
        assertThat(started.get(started.size() - 1).getRoute().getRouteId()).isEqualTo("http-not-a-lookup");
    }

    @Test
    void aLookupPassesThroughThePipeline() {
        NotifyBuilder published = new NotifyBuilder(context).wereSentTo("direct:publish").whenCompleted(1).create();

        String answer = template.requestBody("direct:lookup", "ami-00000001", String.class);

        assertThat(answer).contains("\"ec2_id\":\"ami-00000001\"");
        assertThat(published.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // the JMX statistics Hawtio shows count it on each route of the pipeline
        ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        for (String route : List.of("lookup", "glance-lookup", "glance-lookup-translate-id", "glance-lookup-call-glance",
                "glance-lookup-glance-server-0", "glance-lookup-glance-answer", "glance-lookup-to-metadata",
                "glance-lookup-translate-uuids", "publish")) {
            assertThat(managed.getManagedRoute(route).getExchangesCompleted()).as(route).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void theRoutesUseNoExchangeVariableButTheNamedOnes() throws Exception {
        Set<String> named = new TreeSet<>();
        for (Field field : LookupVariables.class.getFields()) {
            named.add((String) field.get(null));
        }
        Set<String> used = new TreeSet<>();
        Pattern read = Pattern.compile("\\$\\{variable\\.([A-Za-z]+)|variableReceive: ([A-Za-z]+)");
        Pattern set = Pattern.compile("- setVariable:\\s+(?:id: [\\w-]+\\s+)?name: ([A-Za-z]+)");
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("routes", "kamelet/src/main/resources/glance-lookup")) {
            try (Stream<Path> yaml = Files.list(Path.of(dir))) {
                yaml.filter(f -> f.toString().endsWith(".yaml")).forEach(files::add);
            }
        }
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher reads = read.matcher(text);
            while (reads.find()) {
                used.add(reads.group(1) != null ? reads.group(1) : reads.group(2));
            }
            Matcher sets = set.matcher(text);
            while (sets.find()) {
                used.add(sets.group(1));
            }
        }
        assertThat(used).as("variables in %s", files).isNotEmpty().isSubsetOf(named);
    }
}
