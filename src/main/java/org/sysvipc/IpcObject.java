package org.sysvipc;

import java.util.Collection;
import java.util.List;

/**
 * A System V IPC object in the current IPC namespace: a {@link MessageQueue}, a
 * {@link SemaphoreSet} or a {@link SharedMemory} segment. A handle is only its id; it holds no
 * native resource, is safe to share between threads, and the object outlives it until
 * {@link #remove()} (or a reboot, or the end of the IPC namespace).
 */
public sealed interface IpcObject permits MessageQueue, SemaphoreSet, SharedMemory {
    /**
     * {@return the id the kernel gave the object, unique in its IPC namespace while it exists}
     */
    int id();

    /**
     * {@return the key the object was opened by, or {@link IpcKey#PRIVATE}}
     */
    IpcKey key();

    /**
     * Removes the object ({@code IPC_RMID}). Queues and semaphore sets go at once and wake their
     * blocked callers with {@link IpcRemovedException}; a segment goes after its last detach.
     *
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if it was already removed
     */
    void remove();

    /**
     * Changes the object's owner and access bits ({@code IPC_SET}); the creator stays. Like C's
     * {@code IPC_SET}, it needs only ownership, not read access.
     *
     * @param uid  the new owner's user id
     * @param gid  the new owner's group id
     * @param mode the nine access bits, such as {@code 0660}
     * @throws IllegalArgumentException     if uid or gid is negative or mode has bits beyond {@code 0777}
     * @throws IpcPermissionDeniedException (EPERM) if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if the object was removed
     */
    void setPermissions(int uid, int gid, int mode);

    /**
     * Removes every one of {@code objects}, in their order, going on past a removal that fails,
     * as a cleanup of several objects wants.
     *
     * @param objects the objects to remove
     * @throws NullPointerException if {@code objects} is or holds {@code null}; then nothing is removed
     * @throws RuntimeException     the first removal's failure, such as {@link IpcRemovedException},
     *                              with those of the later removals {@linkplain Throwable#getSuppressed() suppressed}
     */
    static void removeAll(Collection<? extends IpcObject> objects) {
        RuntimeException failure = null;
        for (IpcObject object : List.copyOf(objects)) {
            try {
                object.remove();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
