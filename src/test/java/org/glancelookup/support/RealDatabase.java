package org.glancelookup.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real database server of this machine kind (PostgreSQL on 127.0.0.1:5432, MariaDB on 127.0.0.1:3306), with a
 * fresh schema for one test class. When the server is absent the tests are skipped with a loud message, except
 * in CI (environment CI=true, or -Dglance.require-databases=true), where an absent server fails them.
 */
public enum RealDatabase {
    POSTGRESQL("127.0.0.1", 5432, "postgres", "") {
        @Override
        String adminUrl() {
            return "jdbc:postgresql://127.0.0.1:5432/test";
        }

        @Override
        String url(String schema, int port) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + schema;
        }

        @Override
        String createSchema(String schema) {
            return "CREATE SCHEMA " + schema;
        }

        @Override
        String dropSchema(String schema) {
            return "DROP SCHEMA " + schema + " CASCADE";
        }
    },
    MARIADB("127.0.0.1", 3306, "root", "") {
        @Override
        String adminUrl() {
            return "jdbc:mariadb://127.0.0.1:3306/test";
        }

        @Override
        String url(String schema, int port) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + schema;
        }

        @Override
        String createSchema(String schema) {
            return "CREATE DATABASE " + schema;
        }

        @Override
        String dropSchema(String schema) {
            return "DROP DATABASE " + schema;
        }
    };

    public final String host;
    public final int port;
    public final String user;
    public final String password;

    RealDatabase(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    abstract String adminUrl();

    abstract String url(String schema, int port);

    abstract String createSchema(String schema);

    abstract String dropSchema(String schema);

    /** A fresh, empty schema on the real server; the test is skipped (or, in CI, failed) when it is absent. */
    public Schema freshSchema() {
        String schema = "glt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl(), user, password);
             Statement s = c.createStatement()) {
            s.execute(createSchema(schema));
        } catch (SQLException e) {
            String message = "\n*** " + name() + " is not reachable at " + host + ":" + port + " (" + e.getMessage()
                    + "): the " + name().toLowerCase(Locale.ROOT) + " mapping-store tests are SKIPPED ***\n";
            System.err.println(message);
            if (required()) {
                Assertions.fail(name() + " is required here (CI) but not reachable: " + e.getMessage());
            }
            Assumptions.abort(message);
        }
        return new Schema(schema);
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("glance.require-databases");
    }

    /** One test schema; {@link #url(int)} reaches it through another port (a proxy) if asked. */
    public final class Schema implements AutoCloseable {
        public final String name;

        Schema(String name) {
            this.name = name;
        }

        public String url() {
            return RealDatabase.this.url(name, port);
        }

        public String url(int throughPort) {
            return RealDatabase.this.url(name, throughPort);
        }

        public RealDatabase database() {
            return RealDatabase.this;
        }

        public int count(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(), user, password);
                 Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl(), user, password);
                 Statement s = c.createStatement()) {
                s.execute(dropSchema(name));
            }
        }
    }
}
