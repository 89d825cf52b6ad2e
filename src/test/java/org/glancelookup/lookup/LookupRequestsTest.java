package org.glancelookup.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LookupRequestsTest {
    private final LookupRequests requests = new LookupRequests(new ObjectMapper());

    @Test
    void fullRequestJson() {
        LookupRequest request = requests.parse("{\"image_id\": \"ami-0000000a\", \"request_id\": \"req-1\","
                + " \"context\": {\"auth_token\": \"tok\", \"project_id\": \"p\", \"user_id\": \"u\","
                + " \"roles\": [\"member\"], \"is_admin\": false}, \"unknown\": 1}");
        assertThat(request.imageId()).isEqualTo("ami-0000000a");
        assertThat(request.requestId()).isEqualTo("req-1");
        assertThat(request.requestIdGiven()).isTrue();
        assertThat(request.context()).isEqualTo(new RequestContext("tok", "p", "u", List.of("member"), false));
    }

    @Test
    void onlyImageIdIsRequiredAndARequestIdIsMadeUp() {
        LookupRequest request = requests.parse("{\"image_id\": \"1\"}");
        assertThat(request.context()).isEqualTo(RequestContext.ANONYMOUS);
        assertThat(request.requestId()).startsWith("req-");
        assertThat(request.requestIdGiven()).isFalse();
    }

    @Test
    void adminRoleMeansAdminWhenIsAdminIsAbsent() {
        assertThat(requests.parse("{\"image_id\": \"1\", \"context\": {\"roles\": [\"Admin\"]}}").context().isAdmin())
                .isTrue();
    }

    @Test
    void bareIdAndMap() {
        assertThat(requests.parse("  ami-00000001\n").imageId()).isEqualTo("ami-00000001");
        assertThat(requests.parse(Map.of("image_id", "2")).imageId()).isEqualTo("2");
        assertThat(requests.parse("{\"image_id\": \"3\"}".getBytes()).imageId()).isEqualTo("3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"image_id\": 5}", "{\"image_id\": null}", "{}", "[]", "\"ami-1\"",
        "{\"image_id\": [\"1\"]}", "{\"image_id\": \"1\", \"context\": []}",
        "{\"image_id\": \"1\", \"context\": {\"roles\": \"admin\"}}",
        "{\"image_id\": \"1\", \"context\": {\"is_admin\": \"yes\"}}",
        "{\"image_id\": \"1\", \"context\": {\"auth_token\": \"a\\r\\nX-Evil: 1\"}}",
        "{\"image_id\": \"1\", \"request_id\": \"r\\n\"}", "   "})
    void malformedRequestsAreInvalidRequests(String body) {
        assertThatThrownBy(() -> requests.parse(body)).isInstanceOfSatisfying(LookupFailure.class,
                f -> assertThat(f.error()).isEqualTo(LookupError.InvalidRequest));
    }

    @Test
    void bodiesOver64KiBAreRefused() {
        String big = "{\"image_id\": \"1\", \"pad\": \"" + "x".repeat(64 * 1024) + "\"}";
        assertThatThrownBy(() -> requests.parse(big)).hasMessageContaining("larger than");
        assertThatThrownBy(() -> requests.parse(big.getBytes())).hasMessageContaining("larger than");
    }

    @Test
    void contextNeverShowsItsToken() {
        assertThat(new RequestContext("s3cr3t", null, null, List.of(), false).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void httpHeadersMakeTheContext() {
        LookupRequest request = requests.fromHttp("ami-1", "tok", "p", "u", "reader, admin", "req-9");
        assertThat(request.context()).isEqualTo(new RequestContext("tok", "p", "u", List.of("reader", "admin"), true));
        assertThat(request.requestId()).isEqualTo("req-9");
    }
}
