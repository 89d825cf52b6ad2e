package org.glancelookup;

import java.util.Arrays;
import org.apache.camel.main.Main;

/**
 * Starts the service on its settings ({@code config/application.properties}, -D, environment), or, with
 * {@code lookup ID}, answers one lookup on stdout and exits.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("lookup")) {
            System.exit(OneShotLookup.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        new Main().run(args);
    }
}
