package org.glancelookup.glance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlanceServerTest {
    @Test
    void entriesBecomeUrlsInOrder() {
        List<GlanceServer> servers = GlanceServer.parseList(" 127.0.0.1:9292, https://glance.example:443/image/ ,,http://h:1");
        assertThat(servers).extracting(GlanceServer::url)
                .containsExactly("http://127.0.0.1:9292", "https://glance.example:443/image", "http://h:1");
        assertThat(servers).extracting(GlanceServer::index).containsExactly(0, 1, 2);
        assertThat(servers).allMatch(GlanceServer::isUsable);
    }

    @Test
    void malformedEntriesAreKeptWithTheirProblem() {
        List<GlanceServer> servers = GlanceServer.parseList("ftp://h:21,http://bad host:1,http://:80,http://h:1?x=1");
        assertThat(servers).hasSize(4).noneMatch(GlanceServer::isUsable);
    }
}
