package org.glancelookup.mapping;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an embedded H2 mapping store is held by another process (a running service): H2 opens a file database
 * for one process at a time and the pool would keep waiting for it. One plain connection tells at once.
 */
public final class HeldH2File {
    private static final int DATABASE_ALREADY_OPEN = 90020; // H2's ErrorCode.DATABASE_ALREADY_OPEN_1
    private static final Pattern QUOTED_FILE = Pattern.compile("\"([^\"]+)\"");

    private HeldH2File() {
    }

    /** The held file's path, or empty when the store is not an H2 file or this process can open it. */
    public static Optional<String> of(String jdbcUrl, String username, String password) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:h2:mem:")) {
            return Optional.empty();
        }
        try (Connection probe = DriverManager.getConnection(jdbcUrl, username, password)) {
            return Optional.empty();
        } catch (SQLException e) {
            if (e.getErrorCode() != DATABASE_ALREADY_OPEN) {
                return Optional.empty(); // any other trouble is the lookup's to report, as MappingStoreUnavailable
            }
            Matcher file = QUOTED_FILE.matcher(String.valueOf(e.getMessage()));
            return Optional.of(file.find() ? file.group(1) : jdbcUrl.replaceAll(";.*", ""));
        }
    }
}
