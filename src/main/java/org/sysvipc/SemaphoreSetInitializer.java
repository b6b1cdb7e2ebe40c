package org.sysvipc;

import static org.sysvipc.internal.ErrnoNumbers.EAGAIN;
import static org.sysvipc.internal.ErrnoNumbers.EEXIST;
import static org.sysvipc.internal.ErrnoNumbers.EINVAL;
import static org.sysvipc.internal.ErrnoNumbers.ENOENT;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.Syscalls;

/**
 * Opens semaphore sets that processes create on demand: {@link SemaphoreSet#openInitialized}
 * (Stevens' protocol: the creator marks the set initialised with an operation, the others wait
 * for it) and {@link SemaphoreSet#openOrCreate} (the creator initialises the same way, the others
 * do not wait, as C and Python peers that only {@code SETVAL} need).
 */
final class SemaphoreSetInitializer {
    /** How long a waiter first sleeps between checks; it doubles up to the maximum. */
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private SemaphoreSetInitializer() {
    }

    static SemaphoreSet openInitialized(IpcKey key, int permissions, Duration wait, int[] initialValues) {
        long deadline = Timeouts.deadline(Objects.requireNonNull(wait, "wait"));
        return open(key, permissions, initialValues, existing -> {
            SemaphoreSetStat stat = awaitInitialised(existing, deadline);
            return stat == null ? null : new SemaphoreSet(existing.id, key, stat.count());
        });
    }

    static SemaphoreSet openOrCreate(IpcKey key, int permissions, int[] initialValues) {
        return open(key, permissions, initialValues, existing -> {
            try {
                return SemaphoreSet.ofId(existing.id); // for its size
            } catch (IpcNotFoundException removed) {
                return null;
            }
        });
    }

    /**
     * Creates and initialises the set, or opens the existing one and gives it to {@code whenExisting},
     * which returns the set to use or null if it was removed meanwhile; then, and when the set is
     * removed between the two calls, it starts over.
     */
    private static SemaphoreSet open(IpcKey key, int permissions, int[] initialValues,
            UnaryOperator<SemaphoreSet> whenExisting) {
        Objects.requireNonNull(key, "key");
        IpcPermissions.requireMode(permissions);
        SemaphoreOperations.requireValues(initialValues);
        Platform.requireSupported();
        while (true) {
            SemaphoreSet created = createInitialised(key, permissions, initialValues);
            if (created != null) {
                return created;
            }
            SemaphoreSet existing = openExisting(key, permissions, initialValues.length);
            SemaphoreSet opened = existing == null ? null : whenExisting.apply(existing);
            if (opened != null) {
                return opened;
            }
            // removed meanwhile (someone cleared a stale set): try to create it again
        }
    }

    /** {@return the id semget returned} or throws its failure */
    static int semgetId(IpcKey key, int result) {
        return AbstractIpcObject.gotId(IpcKind.SEMAPHORE_SET, "semget", key, result, errno -> errno == EINVAL
                ? "the existing set has fewer semaphores than asked for, or the count exceeds semmsl" : null);
    }

    /** Creates the set exclusively and initialises it; null if it exists. */
    private static SemaphoreSet createInitialised(IpcKey key, int permissions, int[] values) {
        int result = Syscalls.semget(key.value(), values.length, Constants.IPC_CREAT | Constants.IPC_EXCL | permissions);
        if (result == -EEXIST) {
            return null;
        }
        SemaphoreSet created = new SemaphoreSet(semgetId(key, result), key, values.length);
        initialise(created, values);
        return created;
    }

    /** Opens the existing set; null if it was removed since. */
    private static SemaphoreSet openExisting(IpcKey key, int permissions, int count) {
        int result = Syscalls.semget(key.value(), count, permissions);
        if (result == -ENOENT) {
            return null;
        }
        return new SemaphoreSet(semgetId(key, result), key, count);
    }

    /** SETALL, then the value-neutral semop that marks the set initialised; removes the set if either fails. */
    private static void initialise(SemaphoreSet set, int[] values) {
        try {
            set.setAll(values);
            // +1 then -1 never blocks and cannot leave the range, whichever order fits the first value
            int first = values[0] < SemaphoreSet.MAX_VALUE ? 1 : -1;
            if (!set.tryApply(SemaphoreOp.add(0, first), SemaphoreOp.add(0, -first))) {
                throw Errors.of("semop", set.toString(), EAGAIN, "initialising operation would block");
            }
        } catch (RuntimeException e) {
            try {
                set.remove();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Polls until the set's last-operation time is set; returns its stat, or null if the set was
     * removed meanwhile.
     */
    private static SemaphoreSetStat awaitInitialised(SemaphoreSet set, long deadline) {
        long pause = FIRST_POLL_NANOS;
        boolean interrupted = false;
        try {
            while (true) {
                SemaphoreSetStat stat;
                try {
                    stat = set.stat();
                } catch (IpcRemovedException e) {
                    return null;
                }
                if (stat.operatedOn()) {
                    return stat;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SemaphoreSetNotInitializedException("openInitialized", set.toString(), EAGAIN,
                            "no operation has marked it initialised (sem_otime is 0): its creator is still at work,"
                                    + " or did not use openInitialized; a set that C or Python programs create with"
                                    + " semget and SETVAL stays so, and opens with openOrCreate or open");
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                pause = Math.min(pause * 2, MAX_POLL_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
