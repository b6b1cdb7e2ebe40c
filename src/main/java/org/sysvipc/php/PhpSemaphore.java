package org.sysvipc.php;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcPermissions;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreOp;
import org.sysvipc.SemaphoreSet;

/**
 * A semaphore as PHP's {@code sem_get}, {@code sem_acquire} and {@code sem_release} make and use it,
 * so that Java and PHP processes lock the same semaphore and neither breaks the other's count.
 *
 * {@snippet :
 * // PHP: $sem = sem_get($key); sem_acquire($sem); ... sem_release($sem);
 * try (PhpSemaphore sem = PhpSemaphore.get(key)) {
 *     sem.acquire();
 *     try {
 *         // only one process, PHP or Java, is here at a time
 *     } finally {
 *         sem.release();
 *     }
 * }
 * }
 *
 * <h2>PHP's protocol</h2>
 * PHP's semaphore is a set of three: semaphore 0 is the semaphore itself, 1 counts the handles
 * attached to it, and 2 serialises their start. {@code sem_get} opens or creates the set
 * ({@code semget(key, 3, perm | IPC_CREAT)}), then in one {@code semop} waits for semaphore 2 to be 0,
 * raises it and raises the count; if the count is then 1 this is the first user, which sets
 * semaphore 0 to {@code max_acquire}; last it lowers semaphore 2. Acquiring lowers semaphore 0 by one
 * and releasing raises it. Every operation uses {@code SEM_UNDO}, so the kernel reverts what a
 * process that dies had done. Closing a handle with auto-release (the default) lowers the count and
 * gives back every unit the handle still holds, as PHP does when a request ends. This class follows
 * that protocol operation for operation.
 *
 * <p>A handle counts the units it holds: {@link #release()} without a held unit is refused, as PHP
 * refuses it. Acquiring and {@code get} wait as {@link SemaphoreSet} waits: interruptibly, and on a
 * virtual thread without holding its carrier; releasing and closing never wait. Since undo records are kept per process, any thread may release what another thread
 * of the process acquired. Handles are thread-safe.
 */
public final class PhpSemaphore implements AutoCloseable {
    /** Semaphore 0: the semaphore itself. */
    private static final int VALUE = 0;
    /** Semaphore 1: how many handles are attached. */
    private static final int USAGE = 1;
    /** Semaphore 2: held while a handle starts, so that only the first sets the value. */
    private static final int INIT_LOCK = 2;
    /** The access bits {@code sem_get} gives a set it creates by default. */
    public static final int DEFAULT_PERMISSIONS = 0666;

    private final SemaphoreSet set;
    private final boolean autoRelease;
    /** Units this handle holds; -1 once closed or removed. */
    private final AtomicInteger held = new AtomicInteger();

    private PhpSemaphore(SemaphoreSet set, boolean autoRelease) {
        this.set = set;
        this.autoRelease = autoRelease;
    }

    /**
     * Gets the semaphore as {@code sem_get($key)} does: one process at a time may hold it, its set
     * gets access {@link #DEFAULT_PERMISSIONS} if created, and closing releases it.
     *
     * @param key the semaphore's key; {@link IpcKey#PRIVATE} creates a new private set
     * @return the handle, which the caller must close
     * @throws org.sysvipc.IpcPermissionDeniedException if the set exists and the caller may not use it
     * @throws org.sysvipc.IpcInvalidArgumentException  if a set with the key has fewer than three semaphores
     * @throws org.sysvipc.IpcLimitReachedException     if a new set would exceed the kernel's limits
     */
    public static PhpSemaphore get(IpcKey key) {
        return get(key, 1, DEFAULT_PERMISSIONS, true);
    }

    /**
     * Gets the semaphore as {@code sem_get($key, $maxAcquire, $permissions, $autoRelease)} does.
     *
     * @param key         the semaphore's key; {@link IpcKey#PRIVATE} creates a new private set
     * @param maxAcquire  how many may hold it at once; only the first user of the set sets this
     * @param permissions the access bits of a set this creates, within 0777
     * @param autoRelease whether {@link #close()} gives back the units still held and leaves the
     *                    usage count (without it, the kernel's undo does both when the process exits)
     * @return the handle, which the caller must close
     * @throws IllegalArgumentException                  if maxAcquire is not 1 to {@link SemaphoreSet#MAX_VALUE}
     *                                                   or permissions has bits outside 0777
     * @throws org.sysvipc.IpcPermissionDeniedException if the set exists and the caller may not use it
     * @throws org.sysvipc.IpcInvalidArgumentException  if a set with the key has fewer than three semaphores
     * @throws org.sysvipc.IpcLimitReachedException     if a new set would exceed the kernel's limits
     * @throws IpcRemovedException                       if the set is removed while this starts
     */
    public static PhpSemaphore get(IpcKey key, int maxAcquire, int permissions, boolean autoRelease) {
        Objects.requireNonNull(key, "key");
        if (maxAcquire < 1 || maxAcquire > SemaphoreSet.MAX_VALUE) {
            throw new IllegalArgumentException("max_acquire must be 1 to " + SemaphoreSet.MAX_VALUE
                    + ", was " + maxAcquire);
        }
        IpcPermissions.requireMode(permissions);
        SemaphoreSet set = SemaphoreSet.open(key, OpenMode.CREATE, permissions, 3);
        set.apply(SemaphoreOp.waitForZero(INIT_LOCK),
                SemaphoreOp.add(INIT_LOCK, 1).withUndo(),
                SemaphoreOp.add(USAGE, 1).withUndo());
        try {
            if (set.getValue(USAGE) == 1) {
                set.setValue(VALUE, maxAcquire);
            }
        } finally {
            // never waits (this handle raised it), and IPC_NOWAIT keeps an interrupt from leaving it raised
            set.tryApply(SemaphoreOp.add(INIT_LOCK, -1).withUndo());
        }
        return new PhpSemaphore(set, autoRelease);
    }

    /**
     * {@return the set of three semaphores behind this one}
     */
    public SemaphoreSet set() {
        return set;
    }

    /**
     * Acquires a unit, waiting while none is free: {@code sem_acquire($sem)}.
     *
     * @throws IllegalStateException   if this handle is closed
     * @throws IpcRemovedException     if the set is or gets removed
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before or while it
     *                                 waits; no unit was acquired
     */
    public void acquire() {
        requireOpen();
        set.apply(SemaphoreOp.add(VALUE, -1).withUndo());
        count();
    }

    /**
     * Acquires a unit if one is free now: {@code sem_acquire($sem, true)}.
     *
     * @return whether a unit was acquired
     * @throws IllegalStateException if this handle is closed
     * @throws IpcRemovedException   if the set was removed
     */
    public boolean tryAcquire() {
        requireOpen();
        if (!set.tryApply(SemaphoreOp.add(VALUE, -1).withUndo())) {
            return false;
        }
        count();
        return true;
    }

    /** Counts a unit just acquired; gives it back if the handle was closed meanwhile. */
    private void count() {
        while (true) {
            int count = held.get();
            if (count < 0) {
                set.apply(SemaphoreOp.add(VALUE, 1).withUndo());
                throw new IllegalStateException("the semaphore handle was closed while acquiring");
            }
            if (held.compareAndSet(count, count + 1)) {
                return;
            }
        }
    }

    /**
     * Releases a unit this handle acquired: {@code sem_release($sem)}.
     *
     * @throws IllegalStateException if this handle holds no unit, or is closed
     * @throws IpcRemovedException   if the set was removed
     */
    public void release() {
        while (true) {
            int count = held.get();
            if (count < 0) {
                throw new IllegalStateException("the semaphore handle is closed");
            }
            if (count == 0) {
                throw new IllegalStateException("the semaphore " + set + " is not currently acquired by this handle");
            }
            if (held.compareAndSet(count, count - 1)) {
                break;
            }
        }
        try {
            set.apply(SemaphoreOp.add(VALUE, 1).withUndo());
        } catch (RuntimeException e) {
            held.incrementAndGet();
            throw e;
        }
    }

    /**
     * {@return how many units this handle holds now}
     */
    public int heldCount() {
        return Math.max(0, held.get());
    }

    /**
     * Removes the semaphore set: {@code sem_remove($sem)}. This handle is closed with it; others fail
     * with {@link IpcRemovedException} at their next use.
     *
     * @throws IpcRemovedException                      if the set was removed already
     * @throws org.sysvipc.IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     */
    public void remove() {
        set.remove();
        held.set(-1);
    }

    /**
     * Closes the handle, as PHP frees one: with auto-release, lowers the usage count and gives back
     * the units this handle still holds, in one operation with undo. Does nothing if closed already,
     * or if the set was removed meanwhile.
     */
    @Override
    public void close() {
        int count = held.getAndSet(-1);
        if (count < 0 || !autoRelease) {
            return;
        }
        // the usage count includes this handle, so lowering it never waits; IPC_NOWAIT lets an
        // interrupted thread close too (and if a SETVAL zeroed it, this gives up rather than wait)
        try {
            if (count == 0) {
                set.tryApply(SemaphoreOp.add(USAGE, -1).withUndo());
            } else {
                set.tryApply(SemaphoreOp.add(USAGE, -1).withUndo(), SemaphoreOp.add(VALUE, count).withUndo());
            }
        } catch (IpcRemovedException removed) {
            // removed by another process: nothing left to give back
        }
    }

    private void requireOpen() {
        if (held.get() < 0) {
            throw new IllegalStateException("the semaphore handle is closed");
        }
    }

    /**
     * {@return the semaphore set this handle uses, as exception messages name it}
     */
    @Override
    public String toString() {
        return "PHP semaphore on " + set;
    }
}
