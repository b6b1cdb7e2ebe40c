package org.sysvipc;

/**
 * The owner, creator and access mode of an IPC object ({@code struct ipc_perm}).
 *
 * @param key        the key the object was created with
 * @param uid        the owner's user id
 * @param gid        the owner's group id
 * @param creatorUid the creator's user id
 * @param creatorGid the creator's group id
 * @param mode       the access bits (low nine, as in {@code 0660}) and, for segments, status bits
 * @param sequence   the slot's reuse count the kernel folds into ids
 */
public record IpcPermissions(IpcKey key, int uid, int gid, int creatorUid, int creatorGid, int mode, int sequence) {
    /** The permissions objects are created with unless told otherwise: owner read and write only. */
    public static final int DEFAULT_MODE = 0600;

    /**
     * Checks that {@code mode} holds only the nine access bits, as every call that takes
     * permissions does before it reaches the kernel.
     *
     * @param mode such as {@code 0660}
     * @return mode
     * @throws IllegalArgumentException if other bits are set
     */
    public static int requireMode(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException(String.format("permissions must be within 0777, were 0%o", mode));
        }
        return mode;
    }

    /**
     * Checks an owner for {@code IPC_SET}: ids are unsigned in C, and -1 means "no change" to
     * chown but nothing to IPC_SET.
     *
     * @param uid the user id
     * @param gid the group id
     * @throws IllegalArgumentException if either is negative
     */
    static void requireOwner(int uid, int gid) {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative, were " + uid + " and " + gid);
        }
    }

    /**
     * {@return the nine access bits, as in {@code 0660}}
     */
    public int accessBits() {
        return mode & 0777;
    }
}
