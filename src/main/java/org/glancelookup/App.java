package org.glancelookup;

import java.util.Arrays;
import org.apache.camel.main.Main;

/**
 * Starts the service on its settings ({@code config/application.properties}, -D, environment), or, with
 * {@code lookup ID}, answers one lookup on stdout and exits, or, with {@code send ID}, asks a running service
 * over its request queue.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) throws Exception {
        // Netty (Vert.x, Artemis) keeps 4 MiB chunks per arena and makes two arenas per core for each of heap and
        // direct memory; one of each serves this service's load and keeps its footprint small (-D overrides)
        defaultProperty("io.netty.allocator.numHeapArenas", "1");
        defaultProperty("io.netty.allocator.numDirectArenas", "1");
        if (args.length > 0 && args[0].equals("lookup")) {
            System.exit(OneShotLookup.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("send")) {
            System.exit(QueueLookup.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        new Main().run(args);
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
