package org.sysvipc;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.sysvipc.generated.sembuf;
import org.sysvipc.generated.semid_ds;
import org.sysvipc.generated.timespec;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.SemCalls;
import org.sysvipc.internal.Structs;

/**
 * A System V semaphore set: an array of counters, each from 0 to {@link #MAX_VALUE}, that
 * processes change atomically, blocking while a decrement would go below zero.
 *
 * <p>Open one with {@link #open(IpcKey, OpenMode, int, int)} or {@link #createPrivate(int)}. A
 * new set's values are all 0, and between its creation and the creator's first
 * {@link #setAll(int...)} other processes may see and use it; {@link #openInitialized} closes
 * that race for sets that processes create on demand.
 *
 * <p>Change values with {@link #acquire(int, int)}, {@link #release(int, int)}, their try-forms,
 * and {@link #apply(SemaphoreOp...)}, which applies several operations on several semaphores as
 * one: all of them or none. {@link #lock(int)} takes a unit that the kernel gives back if the
 * process dies holding it.
 *
 * <p><b>Blocking.</b> {@code acquire}, {@code waitForZero}, {@code lock}, {@code apply} and the
 * timed forms block in the kernel ({@code semop}, {@code semtimedop}). {@link Thread#interrupt()}
 * does not end such a wait: the calls are uninterruptible, like
 * {@link java.util.concurrent.Semaphore#acquireUninterruptibly()}, and leave the interrupt status
 * as it was. A blocked call ends when it succeeds, when its timeout passes, or when the set is
 * removed ({@link IpcRemovedException}); use a timed form where the wait must be bounded. A
 * virtual thread stays pinned to its carrier thread for the whole native call, since a downcall
 * cannot be unmounted: long blocking waits on many virtual threads starve the carrier pool, so
 * run them on platform threads or a bounded pool.
 *
 * <p>A handle is only the set's id, key and size (and, once it locks, acquires or releases one
 * unit, a few bytes of native memory per semaphore that make those calls cheaper, freed with the
 * handle): it is immutable and safe to share between threads, and two handles with the same id
 * are equal. The set itself
 * lives until {@link #remove()}, not until the handle is unreachable.
 */
public final class SemaphoreSet implements IpcObject {
    /** The largest value a semaphore can hold ({@code SEMVMX}). */
    public static final int MAX_VALUE = 32767;

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Far enough in the future to mean "for ever", near enough that deadline arithmetic cannot overflow. */
    private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;
    private static final long SEMBUF_SIZE = sembuf.layout().byteSize();
    /** Operations that fit the per-thread scratch segment; longer arrays get their own. */
    private static final int SCRATCH_OPERATIONS = 8;
    /** Each thread's timespec and sembufs, reused so that lock and unlock allocate nothing. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** Sets of up to this many semaphores prepare the sembufs of one-unit operations (24 bytes a semaphore). */
    private static final int MAX_PREPARED = 256;
    /** The prepared sembufs of each semaphore, in this order. */
    private static final int LOCK_NOW = 0, UNLOCK = 1, ACQUIRE_NOW = 2, RELEASE = 3, PREPARED_PER_INDEX = 4;
    /** How long {@link #openInitialized} first sleeps between checks; it doubles up to the maximum. */
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int id;
    private final IpcKey key;
    private final int size;
    /**
     * The sembufs of lock, unlock, acquire and release of one unit for every semaphore, made on
     * first use. The kernel only reads a sembuf, so all threads share them, and the fast path of
     * those operations needs no per-thread state.
     */
    private volatile MemorySegment prepared;

    private SemaphoreSet(int id, IpcKey key, int size) {
        this.id = id;
        this.key = key;
        this.size = size;
    }

    /**
     * Opens the existing set with {@code key}, asking for read and alter access.
     *
     * @param key the set's key; not {@link IpcKey#PRIVATE}
     * @return the set
     * @throws IllegalArgumentException     if {@code key} is {@link IpcKey#PRIVATE}
     * @throws IpcNotFoundException         if no set has the key
     * @throws IpcPermissionDeniedException if the caller may not read and alter the set
     * @throws IpcException                 for any other failure of semget or semctl
     */
    public static SemaphoreSet open(IpcKey key) {
        return open(key, OpenMode.OPEN_EXISTING, IpcPermissions.DEFAULT_MODE, 0);
    }

    /**
     * Opens or creates the set with {@code key}.
     *
     * <p>A created set has {@code count} semaphores, all 0, owned by the caller's effective user
     * and group, with access bits {@code permissions}. When the set exists, the kernel checks
     * that the caller has the access {@code permissions} asks for: read for any 4 bit, alter for
     * any 2 bit (so {@code 0600} asks for both), and that the set has at least {@code count}
     * semaphores.
     *
     * @param key         the set's key; {@link IpcKey#PRIVATE} always creates a new set and so
     *                    cannot be used with {@link OpenMode#OPEN_EXISTING}
     * @param mode        whether the set may or must be created
     * @param permissions the nine access bits, such as {@code 0660}
     * @param count       the number of semaphores: at least 1 when the set may be created; with
     *                    {@link OpenMode#OPEN_EXISTING}, the least the existing set must have, or 0
     * @return the set
     * @throws IllegalArgumentException      if {@code permissions} has bits beyond {@code 0777},
     *                                       {@code count} is out of range, or {@code key} is
     *                                       {@link IpcKey#PRIVATE} with {@link OpenMode#OPEN_EXISTING}
     * @throws IpcNotFoundException          if the set does not exist and {@code mode} is {@link OpenMode#OPEN_EXISTING}
     * @throws IpcAlreadyExistsException     if the set exists and {@code mode} is {@link OpenMode#CREATE_NEW}
     * @throws IpcPermissionDeniedException  if the caller lacks the access asked for
     * @throws IpcInvalidArgumentException   if the existing set has fewer than {@code count}
     *                                       semaphores, or {@code count} exceeds the kernel's {@code semmsl}
     * @throws IpcLimitReachedException      if creating would exceed the kernel's {@code semmni} or {@code semmns}
     * @throws IpcException                  for any other failure of semget or semctl
     */
    public static SemaphoreSet open(IpcKey key, OpenMode mode, int permissions, int count) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        IpcPermissions.requireMode(permissions);
        if (mode == OpenMode.OPEN_EXISTING) {
            if (key.isPrivate()) {
                throw new IllegalArgumentException("IPC_PRIVATE names no existing set; use createPrivate");
            }
            if (count < 0) {
                throw new IllegalArgumentException("semaphore count must not be negative, was " + count);
            }
        } else if (count < 1) {
            throw new IllegalArgumentException("a semaphore set needs at least 1 semaphore, was " + count);
        }
        Platform.requireSupported();
        int flags = permissions | switch (mode) {
            case OPEN_EXISTING -> 0;
            case CREATE -> IPC_CREAT();
            case CREATE_NEW -> IPC_CREAT() | IPC_EXCL();
        };
        int id = semget(key, count, flags);
        if (mode == OpenMode.CREATE_NEW) {
            return new SemaphoreSet(id, key, count);
        }
        return new SemaphoreSet(id, key, statOf(id, subject(id, key)).count());
    }

    /**
     * Creates a new set of {@code count} semaphores, all 0, that no key finds, with access
     * {@code 0600}. Other processes can use it by its {@link #id()} ({@link #ofId(int)}).
     *
     * @param count the number of semaphores, at least 1
     * @return the new set
     * @throws IllegalArgumentException    if {@code count} is less than 1
     * @throws IpcInvalidArgumentException if {@code count} exceeds the kernel's {@code semmsl}
     * @throws IpcLimitReachedException    if creating would exceed the kernel's {@code semmni} or {@code semmns}
     * @throws IpcException                for any other failure of semget
     */
    public static SemaphoreSet createPrivate(int count) {
        return open(IpcKey.PRIVATE, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, count);
    }

    /**
     * Opens the set with this id, as another process's {@link #id()} or {@code ipcs -s} shows it.
     *
     * @param id the set's id
     * @return the set
     * @throws IllegalArgumentException     if {@code id} is negative
     * @throws IpcNotFoundException         if no set has the id
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public static SemaphoreSet ofId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("a semaphore set id is not negative, was " + id);
        }
        Platform.requireSupported();
        SemaphoreSetStat stat = statOf(id, "semaphore set " + id);
        return new SemaphoreSet(id, stat.permissions().key(), stat.count());
    }

    /**
     * Opens the set with {@code key}, creating it with {@code initialValues} if it does not
     * exist, such that no caller sees it before it is initialised, however many processes call
     * this at once (W. Richard Stevens' protocol from UNIX Network Programming, vol. 2):
     * <ol>
     * <li>Try to create the set exclusively ({@code IPC_CREAT | IPC_EXCL}).</li>
     * <li>The one caller that creates it sets all values ({@code SETALL}), then performs one
     *     semaphore operation that changes no value (+1 and -1 on semaphore 0 in one call,
     *     without undo). Only that makes the kernel's last-operation time ({@code sem_otime})
     *     non-zero; creating the set and {@code SETALL} leave it zero.</li>
     * <li>Every other caller opens the existing set and polls {@code IPC_STAT}, backing off from
     *     1 ms to 50 ms, until the last-operation time is non-zero, or until {@code wait} runs
     *     out.</li>
     * </ol>
     * Every process that uses the set must open it this way or only after it is known to be
     * initialised, and none may operate on it before then: any operation would mark it
     * initialised. If the set is removed while a caller waits, the caller starts over.
     *
     * <p>A creator that dies between steps 1 and 2 leaves an uninitialised set behind, on which
     * every later caller times out with {@link SemaphoreSetNotInitializedException}; remove the
     * set to recover. The wait is not interruptible: an interrupt does not cut it short and is
     * kept for the caller to see.
     *
     * @param key           the set's key; {@link IpcKey#PRIVATE} always creates a new set
     * @param permissions   the nine access bits a created set gets; an existing set must grant
     *                      the access they ask for (see {@link #open(IpcKey, OpenMode, int, int)})
     * @param wait          how long to wait for another creator to initialise the set; zero or
     *                      negative checks once
     * @param initialValues one value per semaphore, each 0 to {@link #MAX_VALUE}; their number
     *                      is the set's size
     * @return the initialised set
     * @throws IllegalArgumentException             if there are no values, a value is out of
     *                                              range, or {@code permissions} has bits beyond {@code 0777}
     * @throws SemaphoreSetNotInitializedException  if the set exists but was not initialised within {@code wait}
     * @throws IpcPermissionDeniedException         if the set exists and the caller lacks the access asked for
     * @throws IpcInvalidArgumentException          if the existing set has fewer semaphores than values given
     * @throws IpcLimitReachedException             if creating would exceed the kernel's limits
     * @throws IpcException                         for any other failure of semget, semctl or semop
     */
    public static SemaphoreSet openInitialized(IpcKey key, int permissions, Duration wait, int... initialValues) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(wait, "wait");
        IpcPermissions.requireMode(permissions);
        if (initialValues.length == 0) {
            throw new IllegalArgumentException("a semaphore set needs at least 1 semaphore, so at least 1 initial value");
        }
        for (int value : initialValues) {
            requireValue(value);
        }
        Platform.requireSupported();
        int count = initialValues.length;
        long deadline = System.nanoTime() + timeoutNanos(wait);
        while (true) {
            int id = SemCalls.semget(key.value(), count, IPC_CREAT() | IPC_EXCL() | permissions);
            if (id != -1) {
                SemaphoreSet created = new SemaphoreSet(id, key, count);
                created.initialise(initialValues);
                return created;
            }
            int errno = Errors.lastErrno();
            if (errno != EEXIST()) {
                throw Errors.of("semget", "semaphore set " + key, errno, null);
            }
            id = SemCalls.semget(key.value(), count, permissions);
            if (id == -1) {
                errno = Errors.lastErrno();
                if (errno == ENOENT()) {
                    continue; // removed since our create failed: try to create it again
                }
                throw semgetFailure(key, errno);
            }
            SemaphoreSet existing = new SemaphoreSet(id, key, count);
            SemaphoreSetStat stat = existing.awaitInitialised(deadline);
            if (stat != null) {
                return new SemaphoreSet(id, key, stat.count());
            }
            // removed while we waited: someone cleared a stale set, so try to create it again
        }
    }

    /** SETALL, then the value-neutral semop that marks the set initialised; removes the set if either fails. */
    private void initialise(int[] values) {
        try {
            setAll(values);
            // +1 then -1 never blocks and cannot leave the range, whichever order fits the first value
            int first = values[0] < MAX_VALUE ? 1 : -1;
            if (!tryApply(SemaphoreOp.add(0, first), SemaphoreOp.add(0, -first))) {
                throw Errors.of("semop", subject(), EAGAIN(), "initialising operation would block");
            }
        } catch (RuntimeException e) {
            try {
                remove();
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
    private SemaphoreSetStat awaitInitialised(long deadline) {
        long pause = FIRST_POLL_NANOS;
        boolean interrupted = false;
        try {
            while (true) {
                SemaphoreSetStat stat;
                try {
                    stat = stat();
                } catch (IpcRemovedException e) {
                    return null;
                }
                if (stat.operatedOn()) {
                    return stat;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SemaphoreSetNotInitializedException("openInitialized", subject(), EAGAIN(),
                            "its creator did not initialise it in time; if the creator died, remove the set");
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

    /**
     * {@inheritDoc}
     */
    @Override
    public int id() {
        return id;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public IpcKey key() {
        return key;
    }

    /**
     * {@return the number of semaphores in the set}
     */
    public int size() {
        return size;
    }

    /**
     * {@return the value of semaphore {@code index}}
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public int getValue(int index) {
        return query(index, GETVAL(), "semctl(GETVAL)");
    }

    /**
     * Sets semaphore {@code index} to {@code value} ({@code SETVAL}), waking the processes that
     * can now proceed, and clears every process's undo record for it.
     *
     * @param index which semaphore, from 0
     * @param value the new value, 0 to {@link #MAX_VALUE}
     * @throws IllegalArgumentException     if {@code index} is outside the set or {@code value} is out of range
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semctl
     */
    public void setValue(int index, int value) {
        requireIndex(index);
        requireValue(value);
        if (SemCalls.semctl(id, index, SETVAL(), value) == -1) {
            throw failure("semctl(SETVAL)");
        }
    }

    /**
     * {@return the values of all semaphores, in index order}
     *
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public int[] getAll() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(ValueLayout.JAVA_SHORT, size);
            if (SemCalls.semctl(id, 0, GETALL(), values) == -1) {
                throw failure("semctl(GETALL)");
            }
            int[] result = new int[size];
            for (int i = 0; i < size; i++) {
                result[i] = Short.toUnsignedInt(values.getAtIndex(ValueLayout.JAVA_SHORT, i));
            }
            return result;
        }
    }

    /**
     * Sets all semaphores at once ({@code SETALL}), waking the processes that can now proceed, and
     * clears every process's undo records for the set.
     *
     * @param values one value per semaphore, in index order, each 0 to {@link #MAX_VALUE}
     * @throws IllegalArgumentException     if there are not {@link #size()} values or one is out of range
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semctl
     */
    public void setAll(int... values) {
        if (values.length != size) {
            throw new IllegalArgumentException("the set has " + size + " semaphores but " + values.length
                    + " values were given");
        }
        for (int value : values) {
            requireValue(value);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(ValueLayout.JAVA_SHORT, size);
            for (int i = 0; i < size; i++) {
                buffer.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) values[i]);
            }
            if (SemCalls.semctl(id, 0, SETALL(), buffer) == -1) {
                throw failure("semctl(SETALL)");
            }
        }
    }

    /**
     * {@return the process id of the process that last operated on semaphore {@code index}
     * ({@code GETPID}), or 0 if none did}
     *
     * <p>Linux counts {@link #setValue} and {@link #setAll} as operations here.
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public int lastPid(int index) {
        return query(index, GETPID(), "semctl(GETPID)");
    }

    /**
     * {@return how many callers are blocked waiting for semaphore {@code index} to grow
     * ({@code GETNCNT}), that is, in a decrement}
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public int countWaitingForIncrease(int index) {
        return query(index, GETNCNT(), "semctl(GETNCNT)");
    }

    /**
     * {@return how many callers are blocked waiting for semaphore {@code index} to become zero
     * ({@code GETZCNT})}
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public int countWaitingForZero(int index) {
        return query(index, GETZCNT(), "semctl(GETZCNT)");
    }

    /**
     * {@return the set's owner, mode, size and times ({@code IPC_STAT})}
     *
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semctl
     */
    public SemaphoreSetStat stat() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = semid_ds.allocate(arena);
            if (SemCalls.semctl(id, 0, IPC_STAT(), ds) == -1) {
                throw failure("semctl(IPC_STAT)");
            }
            return SemaphoreSetStat.from(ds);
        }
    }

    /**
     * Changes the set's owner and access bits ({@code IPC_STAT}, then {@code IPC_SET}). The
     * creator's ids stay.
     *
     * @param uid  the new owner's user id
     * @param gid  the new owner's group id
     * @param mode the nine access bits, such as {@code 0660}
     * @throws IllegalArgumentException     if {@code uid} or {@code gid} is negative or {@code mode}
     *                                      has bits beyond {@code 0777}
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcException                 for any other failure of semctl
     */
    public void setPermissions(int uid, int gid, int mode) {
        IpcPermissions.requireOwner(uid, gid);
        IpcPermissions.requireMode(mode);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = semid_ds.allocate(arena);
            if (SemCalls.semctl(id, 0, IPC_STAT(), ds) == -1) {
                throw failure("semctl(IPC_STAT)");
            }
            Structs.setOwnerAndMode(semid_ds.sem_perm(ds), uid, gid, mode);
            if (SemCalls.semctl(id, 0, IPC_SET(), ds) == -1) {
                throw failure("semctl(IPC_SET)");
            }
        }
    }

    /**
     * Removes the set at once ({@code IPC_RMID}); every caller blocked on it gets
     * {@link IpcRemovedException}.
     *
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if it was already removed
     * @throws IpcException                 for any other failure of semctl
     */
    @Override
    public void remove() {
        if (SemCalls.semctl(id, 0, IPC_RMID(), 0) == -1) {
            throw failure("semctl(IPC_RMID)");
        }
    }

    /**
     * Applies the operations as one ({@code semop}): blocks until all of them can proceed, then
     * applies all. Operations are applied in order, so two on one semaphore see each other's
     * effect.
     *
     * @param operations the operations, at least one, at most the kernel's {@code semopm}
     * @throws IllegalArgumentException     if there are none or one names a semaphore outside the set
     * @throws IpcWouldBlockException       if an operation has {@link SemaphoreOp#noWait()} and cannot proceed
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set (or read it, for wait-for-zero)
     * @throws IpcTooLargeException         if there are more operations than the kernel's {@code semopm}
     * @throws IpcException                 ERANGE if a value would exceed {@link #MAX_VALUE}
     *                                      (or an undo record its bound), or any other failure of semop
     */
    public void apply(SemaphoreOp... operations) {
        operate(operations, 0, -1, false);
    }

    /**
     * Applies the operations as one if all can proceed now; changes nothing otherwise. Every
     * operation is given {@code IPC_NOWAIT}.
     *
     * @param operations the operations, at least one, at most the kernel's {@code semopm}
     * @return true if they were applied, false if one would have blocked
     * @throws IllegalArgumentException     if there are none or one names a semaphore outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set (or read it, for wait-for-zero)
     * @throws IpcTooLargeException         if there are more operations than the kernel's {@code semopm}
     * @throws IpcException                 ERANGE if a value would exceed {@link #MAX_VALUE}, or any other failure of semop
     */
    public boolean tryApply(SemaphoreOp... operations) {
        return operate(operations, IPC_NOWAIT(), -1, true);
    }

    /**
     * Applies the operations as one, waiting at most {@code timeout} for all of them to be able
     * to proceed ({@code semtimedop}); changes nothing if the time runs out.
     *
     * @param timeout    how long to wait; zero or negative does not wait
     * @param operations the operations, at least one, at most the kernel's {@code semopm}
     * @return true if they were applied, false if the time ran out (or an operation with
     *         {@link SemaphoreOp#noWait()} could not proceed)
     * @throws IllegalArgumentException     if there are none or one names a semaphore outside the set
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set (or read it, for wait-for-zero)
     * @throws IpcTooLargeException         if there are more operations than the kernel's {@code semopm}
     * @throws IpcException                 ERANGE if a value would exceed {@link #MAX_VALUE}, or any other failure of semtimedop
     */
    public boolean apply(Duration timeout, SemaphoreOp... operations) {
        return operate(operations, 0, timeoutNanos(timeout), true);
    }

    /**
     * Takes one unit of semaphore {@code index}, blocking while it is 0.
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semop
     */
    public void acquire(int index) {
        requireIndex(index);
        if (!unitAtOnce(index, ACQUIRE_NOW)) {
            acquire(index, 1);
        }
    }

    /**
     * Takes {@code units} of semaphore {@code index} at once, blocking while it is less.
     *
     * @param index which semaphore, from 0
     * @param units how many, 1 to {@link #MAX_VALUE}
     * @throws IllegalArgumentException     if {@code index} is outside the set or {@code units} is out of range
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semop
     */
    public void acquire(int index, int units) {
        single(index, -requireUnits(units), 0, -1, false, "semop");
    }

    /**
     * Takes {@code units} of semaphore {@code index} if it has them now.
     *
     * @param index which semaphore, from 0
     * @param units how many, 1 to {@link #MAX_VALUE}
     * @return true if taken, false if the semaphore has fewer
     * @throws IllegalArgumentException     if {@code index} is outside the set or {@code units} is out of range
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semop
     */
    public boolean tryAcquire(int index, int units) {
        return single(index, -requireUnits(units), IPC_NOWAIT(), -1, true, "semop");
    }

    /**
     * Takes {@code units} of semaphore {@code index}, waiting at most {@code timeout} for it to
     * have them.
     *
     * @param index   which semaphore, from 0
     * @param units   how many, 1 to {@link #MAX_VALUE}
     * @param timeout how long to wait; zero or negative does not wait
     * @return true if taken, false if the time ran out
     * @throws IllegalArgumentException     if {@code index} is outside the set or {@code units} is out of range
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semtimedop
     */
    public boolean tryAcquire(int index, int units, Duration timeout) {
        return single(index, -requireUnits(units), 0, timeoutNanos(timeout), true, "semtimedop");
    }

    /**
     * Gives one unit back to semaphore {@code index}, waking a caller that can now proceed.
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 ERANGE if the value would exceed {@link #MAX_VALUE}, or any other failure of semop
     */
    public void release(int index) {
        requireIndex(index);
        if (!unitAtOnce(index, RELEASE)) {
            release(index, 1);
        }
    }

    /**
     * Adds {@code units} to semaphore {@code index}, waking callers that can now proceed.
     *
     * @param index which semaphore, from 0
     * @param units how many, 1 to {@link #MAX_VALUE}
     * @throws IllegalArgumentException     if {@code index} is outside the set or {@code units} is out of range
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 ERANGE if the value would exceed {@link #MAX_VALUE}, or any other failure of semop
     */
    public void release(int index, int units) {
        single(index, requireUnits(units), 0, -1, false, "semop");
    }

    /**
     * Blocks until semaphore {@code index} is zero.
     *
     * @param index which semaphore, from 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not read the set
     * @throws IpcException                 for any other failure of semop
     */
    public void waitForZero(int index) {
        single(index, 0, 0, -1, false, "semop");
    }

    /**
     * Takes one unit of semaphore {@code index} with {@code SEM_UNDO}, blocking while it is 0,
     * and returns a lock whose {@link SemaphoreLock#close()} gives it back. If the process exits
     * (or is killed) holding it, the kernel gives it back. For a mutex, start the semaphore at 1.
     *
     * @param index which semaphore, from 0
     * @return the held lock
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semop, such as ERANGE when
     *                                      the process's undo record would exceed its bound
     */
    public SemaphoreLock lock(int index) {
        requireIndex(index);
        if (!unitAtOnce(index, LOCK_NOW)) {
            // taken, or failing: wait, or learn why
            single(index, -1, SEM_UNDO(), -1, false, "semop");
        }
        return new SemaphoreLock(this, index);
    }

    /**
     * Takes the lock {@link #lock(int)} takes if semaphore {@code index} is not 0 now. Like
     * {@link java.nio.channels.FileChannel#tryLock()}, it returns null when the lock is taken, so
     * that {@code try (SemaphoreLock lock = set.tryLock(0)) { if (lock != null) ... }} works.
     *
     * @param index which semaphore, from 0
     * @return the held lock, or null if the semaphore is 0
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semop
     */
    public SemaphoreLock tryLock(int index) {
        return single(index, -1, SEM_UNDO() | IPC_NOWAIT(), -1, true, "semop") ? new SemaphoreLock(this, index) : null;
    }

    /**
     * Takes the lock {@link #lock(int)} takes, waiting at most {@code timeout} for semaphore
     * {@code index} to be non-zero.
     *
     * @param index   which semaphore, from 0
     * @param timeout how long to wait; zero or negative does not wait
     * @return the held lock, or null if the time ran out
     * @throws IllegalArgumentException     if {@code index} is outside the set
     * @throws IpcRemovedException          if the set was removed, before or while the call waited
     * @throws IpcPermissionDeniedException if the caller may not alter the set
     * @throws IpcException                 for any other failure of semtimedop
     */
    public SemaphoreLock tryLock(int index, Duration timeout) {
        return single(index, -1, SEM_UNDO(), timeoutNanos(timeout), true, "semtimedop")
                ? new SemaphoreLock(this, index) : null;
    }

    /** Gives back what {@link #lock(int)} took; called by {@link SemaphoreLock#close()}. */
    void unlock(int index) {
        if (!unitAtOnce(index, UNLOCK)) {
            single(index, 1, SEM_UNDO(), -1, false, "semop");
        }
    }

    /**
     * {@return whether {@code other} is a handle to the same set, that is, has the same id}
     *
     * @param other the object to compare with
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof SemaphoreSet that && id == that.id;
    }

    /**
     * {@return a hash code from the id}
     */
    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    /**
     * {@return a description such as {@code semaphore set 5 (key 0x5e5e0001)}}
     */
    @Override
    public String toString() {
        return subject();
    }

    // ---- internals

    /**
     * Applies a prepared one-unit operation if it can proceed now, in a call that cannot block
     * and captures no errno; false if it was not applied, for whatever reason, and then the caller
     * goes the errno-capturing way, which waits or tells why. A failed semop changes nothing, so
     * trying first changes nothing either. The index must have been checked.
     */
    private boolean unitAtOnce(int index, int which) {
        MemorySegment operations = prepared;
        if (operations == null) {
            if (size > MAX_PREPARED) {
                return false;
            }
            operations = prepare();
        }
        long offset = (index * PREPARED_PER_INDEX + which) * SEMBUF_SIZE;
        return SemCalls.semopAtOnce(id, operations.asSlice(offset, SEMBUF_SIZE), 1) == 0;
    }

    private MemorySegment prepare() {
        MemorySegment operations = Arena.ofAuto().allocate(sembuf.layout(), (long) size * PREPARED_PER_INDEX);
        for (int index = 0; index < size; index++) {
            int base = index * PREPARED_PER_INDEX;
            putOperation(operations, base + LOCK_NOW, index, -1, SEM_UNDO() | IPC_NOWAIT());
            putOperation(operations, base + UNLOCK, index, 1, SEM_UNDO());
            putOperation(operations, base + ACQUIRE_NOW, index, -1, IPC_NOWAIT());
            putOperation(operations, base + RELEASE, index, 1, 0);
        }
        prepared = operations; // racing threads each make equal ones: any will do
        return operations;
    }

    /** One operation without allocating. */
    private boolean single(int index, int delta, int flags, long timeoutNanos, boolean falseOnWouldBlock,
            String call) {
        requireIndex(index);
        Scratch scratch = SCRATCH.get();
        putOperation(scratch.operations, 0, index, delta, flags);
        boolean cannotBlock = delta > 0 || (flags & IPC_NOWAIT()) != 0;
        return run(scratch.callState, scratch.operations, 1, cannotBlock, scratch.timeout, timeoutNanos,
                falseOnWouldBlock, call);
    }

    /** Any number of operations; {@code extraFlags} go to every one, {@code timeoutNanos < 0} means no timeout. */
    private boolean operate(SemaphoreOp[] operations, int extraFlags, long timeoutNanos, boolean falseOnWouldBlock) {
        if (operations.length == 0) {
            throw new IllegalArgumentException("no semaphore operations given");
        }
        for (SemaphoreOp operation : operations) {
            requireIndex(operation.index());
        }
        String call = timeoutNanos < 0 ? "semop" : "semtimedop";
        boolean cannotBlock = true;
        for (SemaphoreOp operation : operations) {
            cannotBlock &= operation.delta() > 0 || operation.noWait() || (extraFlags & IPC_NOWAIT()) != 0;
        }
        if (operations.length <= SCRATCH_OPERATIONS) {
            Scratch scratch = SCRATCH.get();
            fill(scratch.operations, operations, extraFlags);
            return run(scratch.callState, scratch.operations, operations.length, cannotBlock, scratch.timeout,
                    timeoutNanos, falseOnWouldBlock, call);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timeout = timespec.allocate(arena);
            MemorySegment buffers = arena.allocate(sembuf.layout(), operations.length);
            fill(buffers, operations, extraFlags);
            return run(arena.allocate(Errors.callStateLayout()), buffers, operations.length, cannotBlock, timeout,
                    timeoutNanos, falseOnWouldBlock, call);
        }
    }

    private static void fill(MemorySegment buffers, SemaphoreOp[] operations, int extraFlags) {
        for (int i = 0; i < operations.length; i++) {
            SemaphoreOp operation = operations[i];
            int flags = extraFlags | (operation.undo() ? SEM_UNDO() : 0) | (operation.noWait() ? IPC_NOWAIT() : 0);
            putOperation(buffers, i, operation.index(), operation.delta(), flags);
        }
    }

    private static void putOperation(MemorySegment buffers, int i, int index, int delta, int flags) {
        long base = i * SEMBUF_SIZE;
        buffers.set(sembuf.sem_num$layout(), base + sembuf.sem_num$offset(), (short) index);
        buffers.set(sembuf.sem_op$layout(), base + sembuf.sem_op$offset(), (short) delta);
        buffers.set(sembuf.sem_flg$layout(), base + sembuf.sem_flg$offset(), (short) flags);
    }

    /**
     * Calls semop, or semtimedop with the time left, until it does not fail with EINTR. Returns
     * false on EAGAIN if {@code falseOnWouldBlock}. {@code cannotBlock}: every operation adds or
     * has IPC_NOWAIT, so semop may take the handle for calls that return at once.
     */
    private boolean run(MemorySegment callState, MemorySegment operations, int count, boolean cannotBlock,
            MemorySegment timeout, long timeoutNanos, boolean falseOnWouldBlock, String call) {
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        while (true) {
            int result;
            if (timeoutNanos < 0) {
                result = SemCalls.semop(callState, id, operations, count, cannotBlock);
            } else {
                long left = Math.max(0, deadline - System.nanoTime());
                timespec.tv_sec(timeout, left / NANOS_PER_SECOND);
                timespec.tv_nsec(timeout, left % NANOS_PER_SECOND);
                result = SemCalls.semtimedop(callState, id, operations, count, timeout);
            }
            if (result == 0) {
                return true;
            }
            int errno = Errors.lastErrno(callState);
            if (errno == EINTR()) {
                continue; // a signal handler ran; the operations were not applied
            }
            if (errno == EAGAIN() && falseOnWouldBlock) {
                return false;
            }
            throw failure(call, errno);
        }
    }

    private int query(int index, int command, String call) {
        requireIndex(index);
        int result = SemCalls.semctl(id, index, command, 0);
        if (result == -1) {
            throw failure(call);
        }
        return result;
    }

    private IpcException failure(String call) {
        return failure(call, Errors.lastErrno());
    }

    /** EINVAL or EIDRM on an id that no longer exists means the set was removed. */
    private IpcException failure(String call, int errno) {
        boolean exists = errno != EINVAL() && errno != EIDRM() || stillExists();
        return Errors.onId(call, subject(), errno, exists);
    }

    private boolean stillExists() {
        try (Arena arena = Arena.ofConfined()) {
            if (SemCalls.semctl(id, 0, IPC_STAT(), semid_ds.allocate(arena)) == 0) {
                return true;
            }
            int errno = Errors.lastErrno();
            return errno == EACCES() || errno == EPERM(); // there, only not readable by us
        }
    }

    private String subject() {
        return subject(id, key);
    }

    private static String subject(int id, IpcKey key) {
        return "semaphore set " + id + " (" + key + ")";
    }

    private static int semget(IpcKey key, int count, int flags) {
        int id = SemCalls.semget(key.value(), count, flags);
        if (id == -1) {
            throw semgetFailure(key, Errors.lastErrno());
        }
        return id;
    }

    private static IpcException semgetFailure(IpcKey key, int errno) {
        String detail = errno == EINVAL()
                ? "the existing set has fewer semaphores than asked for, or the count exceeds semmsl" : null;
        return Errors.of("semget", "semaphore set " + key, errno, detail);
    }

    /** IPC_STAT on an id that may name nothing: then IpcNotFoundException. */
    private static SemaphoreSetStat statOf(int id, String subject) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = semid_ds.allocate(arena);
            if (SemCalls.semctl(id, 0, IPC_STAT(), ds) == -1) {
                throw Errors.onLookupById("semctl(IPC_STAT)", subject, Errors.lastErrno());
            }
            return SemaphoreSetStat.from(ds);
        }
    }

    private void requireIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("semaphore index " + index + " is outside " + subject()
                    + ", which has " + size + " semaphores");
        }
    }

    private static void requireValue(int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("a semaphore value must be 0 to " + MAX_VALUE + ", was " + value);
        }
    }

    private static int requireUnits(int units) {
        if (units < 1 || units > MAX_VALUE) {
            throw new IllegalArgumentException("units must be 1 to " + MAX_VALUE + ", was " + units);
        }
        return units;
    }

    /** A thread's native buffers for one call: a timespec, room for a few sembufs, and where errno is captured. */
    private static final class Scratch {
        final MemorySegment timeout;
        final MemorySegment operations;
        final MemorySegment callState;

        Scratch() {
            Arena arena = Arena.ofAuto();
            timeout = timespec.allocate(arena);
            operations = arena.allocate(sembuf.layout(), SCRATCH_OPERATIONS);
            callState = arena.allocate(Errors.callStateLayout());
        }
    }

    private static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return 0;
        }
        return timeout.compareTo(Duration.ofNanos(MAX_TIMEOUT_NANOS)) > 0 ? MAX_TIMEOUT_NANOS : timeout.toNanos();
    }
}
