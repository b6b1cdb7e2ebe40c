package org.sysvipc;

/**
 * One unit of a semaphore taken with {@code SEM_UNDO} by {@link SemaphoreSet#lock(int)} or
 * {@link SemaphoreSet#tryLock(int)}, given back by {@link #close()}; meant for
 * try-with-resources:
 * {@snippet :
 * try (SemaphoreLock lock = set.lock(0)) {
 *     // only one process (and thread) at a time gets here, if semaphore 0 started at 1
 * }
 * }
 *
 * <p>Because both taking and giving back use {@code SEM_UNDO}, the kernel gives the unit back
 * itself when the process exits still holding it, even if it is killed with SIGKILL. The undo
 * record is kept per process, not per thread, so any thread of the process may close the lock.
 * The lock is not reentrant: taking it again before closing it blocks for ever if the semaphore
 * started at 1. Mixing these locks with operations without undo on the same semaphore skews the
 * kernel's undo record.
 *
 * <p>Instances are safe to use from several threads; {@link #close()} gives the unit back once.
 */
public final class SemaphoreLock implements AutoCloseable {
    private final SemaphoreSet set;
    private final int index;
    /**
     * Guarded by this object's monitor rather than an atomic field of its own: when the lock
     * does not escape the code that takes and closes it, the JIT then removes both the monitor
     * and the object, so lock and close allocate nothing.
     */
    private boolean held = true;

    SemaphoreLock(SemaphoreSet set, int index) {
        this.set = set;
        this.index = index;
    }

    /**
     * {@return the set the lock was taken on}
     */
    public SemaphoreSet set() {
        return set;
    }

    /**
     * {@return the index of the semaphore the lock was taken on}
     */
    public int index() {
        return index;
    }

    /**
     * {@return whether this handle still holds the unit, that is, was not closed}
     */
    public synchronized boolean isHeld() {
        return held;
    }

    /**
     * Gives the unit back (adds 1 with {@code SEM_UNDO}), waking a process blocked in
     * {@link SemaphoreSet#lock(int)}. Only the first call does so; later ones do nothing.
     *
     * @throws IpcRemovedException          if the set was removed meanwhile
     * @throws IpcPermissionDeniedException if the set's permissions were changed to deny alter access meanwhile
     * @throws IpcException                 for another failure of semop
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!held) {
                return;
            }
            held = false;
        }
        set.unlock(index);
    }

    /**
     * {@return a description such as {@code SemaphoreLock[semaphore set 5 (IPC_PRIVATE), index 0, held]}}
     */
    @Override
    public String toString() {
        return "SemaphoreLock[" + set + ", index " + index + (isHeld() ? ", held]" : ", released]");
    }
}
