package org.sysvipc.tools;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.sysvipc.internal.UserCalls;

/**
 * User and group names by id, through the C library's NSS lookups (getpwuid_r, getgrgid_r), so
 * that owners from LDAP or sssd show by name as {@code ipcs} shows them. Each id is looked up once
 * per function.
 */
final class UserNames {
    private UserNames() {
    }

    /** {@return the user name for a uid, or null if it has none (ipcs then shows the number)} */
    static IntFunction<String> users() {
        return cached(UserCalls::userName);
    }

    /** {@return the group name for a gid, or null if it has none} */
    static IntFunction<String> groups() {
        return cached(UserCalls::groupName);
    }

    private static IntFunction<String> cached(IntFunction<Optional<String>> lookup) {
        Map<Integer, Optional<String>> names = new HashMap<>();
        return id -> names.computeIfAbsent(id, key -> {
            try {
                return lookup.apply(key);
            } catch (IllegalStateException unreachable) {
                // a source that cannot answer now (a directory server down): the number, as ipcs shows it
                return Optional.empty();
            }
        }).orElse(null);
    }
}
