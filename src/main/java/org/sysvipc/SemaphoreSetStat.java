package org.sysvipc;

import java.time.Instant;

/**
 * What {@code IPC_STAT} tells about a {@link SemaphoreSet} ({@code struct semid_ds}).
 *
 * @param permissions   the set's owner, creator and access mode
 * @param count         how many semaphores the set has
 * @param lastOperation when a semaphore operation last succeeded on the set ({@code sem_otime}),
 *                      to the second; {@link Instant#EPOCH} if none ever did
 * @param lastChange    when the set was created or last changed by {@code IPC_SET},
 *                      {@code SETVAL} or {@code SETALL} ({@code sem_ctime}), to the second
 */
public record SemaphoreSetStat(IpcPermissions permissions, int count, Instant lastOperation, Instant lastChange) {
    /**
     * {@return whether a semaphore operation ever succeeded on the set; sets made by
     * {@link SemaphoreSet#openInitialized} are initialised exactly when this is true}
     */
    public boolean operatedOn() {
        return !lastOperation.equals(Instant.EPOCH);
    }
}
