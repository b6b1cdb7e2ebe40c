package org.sysvipc.php;

/** Argument checks shared by the PHP classes. */
final class Checks {
    private Checks() {
    }

    /** Refuses access bits outside 0777 before any native call. */
    static int requirePermissions(int permissions) {
        if ((permissions & ~0777) != 0) {
            throw new IllegalArgumentException(String.format("permissions must be within 0777, were 0%o", permissions));
        }
        return permissions;
    }
}
