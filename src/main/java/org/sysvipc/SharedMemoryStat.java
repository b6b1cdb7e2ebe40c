package org.sysvipc;


import java.time.Instant;

/**
 * What the kernel reports about a shared memory segment ({@code struct shmid_ds}), as read by
 * {@link SharedMemory#stat()} at one moment.
 *
 * @param permissions          the owner, creator and mode; after {@link SharedMemory#remove()} the key reads as
 *                             {@link IpcKey#PRIVATE}
 * @param size                 the segment's size in bytes as created ({@code shm_segsz}), not rounded to pages
 * @param attachCount          how many attachments exist in all processes ({@code shm_nattch})
 * @param creatorPid           the process that created the segment ({@code shm_cpid})
 * @param lastPid              the process that last attached or detached it ({@code shm_lpid})
 * @param lastAttach           when it was last attached, or {@link Instant#EPOCH} if never
 * @param lastDetach           when it was last detached, or {@link Instant#EPOCH} if never
 * @param lastChange           when it was created or its permissions last changed
 * @param markedForDestruction whether it was removed and goes once its last attachment is detached
 *                             ({@code SHM_DEST})
 * @param lockedInMemory       whether {@link SharedMemory#lockInMemory()} locked it, so that its pages
 *                             are never swapped out ({@code SHM_LOCKED})
 */
public record SharedMemoryStat(IpcPermissions permissions, long size, long attachCount, int creatorPid, int lastPid,
        Instant lastAttach, Instant lastDetach, Instant lastChange, boolean markedForDestruction,
        boolean lockedInMemory) {
}
