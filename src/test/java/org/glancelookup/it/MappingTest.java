package org.glancelookup.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancelookup.support.TestJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancelookup.mapping.S3ImageMappingStore;
import org.glancelookup.step.GlanceImageLookup;
import org.glancelookup.support.FreePorts;
import org.glancelookup.support.GlanceStandIn;
import org.glancelookup.support.Images;
import org.glancelookup.support.TestService;
import org.junit.jupiter.api.Test;

/** Id translation through the service: forward by EC2/internal id, reverse with mapping creation, store outage. */
class MappingTest {
    @Test
    void kernelAndRamdiskUuidsGetMappingsAndEc2IdsRoundTrip() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            String image = UUID.randomUUID().toString();
            String kernel = UUID.randomUUID().toString();
            String ramdisk = UUID.randomUUID().toString();
            Map<String, Object> machine = Images.publicImage(image, "machine");
            machine.put("kernel_id", kernel);
            machine.put("ramdisk_id", ramdisk);
            glance.image(machine)
                    .image(Images.with(Images.publicImage(kernel, "kernel"), "container_format", "aki"))
                    .image(Images.with(Images.publicImage(ramdisk, "ramdisk"), "container_format", "ari"));
            try (TestService service = TestService.start("glance.api-servers", glance.url())) {
                S3ImageMappingStore store = service.context().getRegistry()
                        .lookupByNameAndType("glanceLookup", GlanceImageLookup.class).mappingStore();

                JsonNode first = JSON.readTree(service.lookupBody(image));
                long imageId = first.get("id").asLong();
                long kernelId = first.at("/properties/kernel_id").asLong();
                long ramdiskId = first.at("/properties/ramdisk_id").asLong();
                assertThat(store.idFor(image)).hasValue(imageId);
                assertThat(store.idFor(kernel)).hasValue(kernelId);
                assertThat(store.idFor(ramdisk)).hasValue(ramdiskId);
                assertThat(first.get("ec2_id").asText()).isEqualTo(String.format("ami-%08x", imageId));

                // the new mappings answer by EC2 id and internal id
                JsonNode byAki = JSON.readTree(service.lookupBody(String.format("aki-%08x", kernelId)));
                assertThat(byAki.get("uuid").asText()).isEqualTo(kernel);
                assertThat(byAki.get("ec2_id").asText()).isEqualTo(String.format("aki-%08x", kernelId));
                JsonNode byInternal = JSON.readTree(service.lookupBody(String.valueOf(ramdiskId)));
                assertThat(byInternal.get("ec2_id").asText()).isEqualTo(String.format("ari-%08x", ramdiskId));
                // and a second lookup creates nothing new
                assertThat(JSON.readTree(service.lookupBody(image)).get("id").asLong()).isEqualTo(imageId);
            }
        }
    }

    @Test
    void concurrentLookupsOfANewImageCreateOneMapping() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            String image = UUID.randomUUID().toString();
            glance.image(Images.publicImage(image, "popular"));
            try (TestService service = TestService.start("glance.api-servers", glance.url())) {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> service.lookupBody(image)));
                }
                List<Long> ids = new ArrayList<>();
                for (Future<String> answer : answers) {
                    ids.add(JSON.readTree(answer.get()).get("id").asLong());
                }
                pool.shutdown();
                assertThat(ids).hasSize(8).containsOnly(ids.get(0));
            }
        }
    }

    @Test
    void createMissingOffLeavesUnmappedUuidsWithoutId() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            String image = UUID.randomUUID().toString();
            glance.image(Images.publicImage(image, "unmapped"));
            try (TestService service = TestService.start(
                    "glance.api-servers", glance.url(),
                    "mapping.create-missing", "false")) {
                JsonNode answer = JSON.readTree(service.lookupBody(image));
                assertThat(answer.get("id").isNull()).isTrue();
                assertThat(answer.get("ec2_id").isNull()).isTrue();
                assertThat(answer.get("uuid").asText()).isEqualTo(image);
            }
        }
    }

    @Test
    void anUnreachableStoreIsMappingStoreUnavailable() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            try (TestService service = TestService.start(
                    "glance.api-servers", glance.url(),
                    "mapping.jdbc-url", "jdbc:h2:tcp://127.0.0.1:" + FreePorts.next() + "/mem:nowhere",
                    "mapping.connection-timeout-ms", "500")) {
                var response = service.httpGet("/images/ami-00000001");
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("MappingStoreUnavailable");
                assertThat(glance.requests()).isEmpty();
            }
        }
    }

    @Test
    void aMappingOnceKnownIsTranslatedWithoutTheStore() throws Exception {
        try (GlanceStandIn glance = new GlanceStandIn("g")) {
            String image = UUID.randomUUID().toString();
            glance.image(Images.publicImage(image, "kept"));
            for (String cacheSize : List.of("100", "0")) {
                try (TestService service = TestService.start(
                        "glance.api-servers", glance.url(),
                        "mapping.cache-size", cacheSize)) {
                    String ec2Id = JSON.readTree(service.lookupBody(image)).get("ec2_id").asText();
                    // the row goes behind the service's back: only the in-memory mapping can still answer
                    try (var db = java.sql.DriverManager.getConnection(service.setting("mapping.jdbc-url"), "sa", "");
                            var delete = db.createStatement()) {
                        assertThat(delete.executeUpdate("DELETE FROM s3_images")).isEqualTo(1);
                    }
                    JsonNode again = JSON.readTree(service.lookupBody(ec2Id));
                    if (cacheSize.equals("0")) {
                        assertThat(again.get("error").asText()).isEqualTo("ImageNotFound");
                    } else {
                        assertThat(again.get("uuid").asText()).isEqualTo(image);
                        assertThat(again.get("ec2_id").asText()).isEqualTo(ec2Id);
                    }
                }
            }
        }
    }
}
