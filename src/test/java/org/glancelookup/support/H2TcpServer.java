package org.glancelookup.support;

import java.sql.SQLException;
import org.h2.tools.Server;

/** An H2 database server on loopback, so several service processes can share one mapping store. */
public final class H2TcpServer implements AutoCloseable {
    private final Server server;
    private final int port;

    public H2TcpServer() throws SQLException {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        this.port = FreePorts.next();
        this.server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
    }

    public String url(String database) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    public void close() {
        server.stop();
    }
}
