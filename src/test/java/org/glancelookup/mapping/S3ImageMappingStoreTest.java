package org.glancelookup.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The s3_images store on a real (in-memory H2) database. */
class S3ImageMappingStoreTest {

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void idsAreHandedOutInOrderAndReadBothWays() throws Exception {
        S3ImageMappingStore store = new S3ImageMappingStore(h2());
        store.ensureSchema();
        assertThat(store.idForOrCreate("u-1")).isEqualTo(1);
        assertThat(store.idForOrCreate("u-2")).isEqualTo(2);
        assertThat(store.idForOrCreate("u-1")).isEqualTo(1);
        assertThat(store.uuidFor(2)).hasValue("u-2");
        assertThat(store.uuidFor(3)).isEmpty();
        assertThat(store.idFor("u-3")).isEmpty();
    }

    @Test
    void concurrentCreatesOfOneUuidEndInOneRow() throws Exception {
        JdbcDataSource dataSource = h2();
        S3ImageMappingStore store = new S3ImageMappingStore(dataSource);
        store.ensureSchema();
        String uuid = UUID.randomUUID().toString();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Long> create = () -> {
                go.await();
                return store.idForOrCreate(uuid);
            };
            results.add(pool.submit(create));
        }
        go.countDown();
        List<Long> ids = new ArrayList<>();
        for (Future<Long> result : results) {
            ids.add(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(ids).hasSize(threads).containsOnly(ids.get(0));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM s3_images WHERE uuid = '" + uuid + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void tableHasNovasColumns() throws Exception {
        JdbcDataSource dataSource = h2();
        S3ImageMappingStore store = new S3ImageMappingStore(dataSource);
        store.idForOrCreate("u-1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, uuid, created_at, updated_at, deleted_at, deleted FROM s3_images")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp("created_at")).isNotNull();
            assertThat(rs.getTimestamp("deleted_at")).isNull();
            assertThat(rs.getInt("deleted")).isZero();
        }
    }
}
