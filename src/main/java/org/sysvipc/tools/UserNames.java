package org.sysvipc.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/** User names by uid, from {@code /etc/passwd}, for showing owners as {@code ipcs} does. */
final class UserNames {
    private UserNames() {
    }

    /**
     * {@return the names {@code /etc/passwd} gives uids, null for a uid it does not name; no names
     * at all if it cannot be read}
     */
    static IntFunction<String> fromPasswd() {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":", -1);
                if (fields.length > 2) {
                    try {
                        names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                    } catch (NumberFormatException ignored) {
                        // a comment or a malformed line names no one
                    }
                }
            }
        } catch (IOException unreadable) {
            // owners then show as numbers, as ipcs shows uids without names
        }
        return names::get;
    }
}
