package org.sysvipc;

import static org.sysvipc.SemaphoreOperations.requireUnits;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.sysvipc.SemaphoreOperations.Wait;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Structs;
import org.sysvipc.internal.Syscalls;

/**
 * A System V semaphore set: an array of counters, each from 0 to {@link #MAX_VALUE}, that
 * processes change atomically, blocking while a decrement would go below zero.
 *
 * <p>Open one with {@link #open(IpcKey, OpenMode, int, int)} or {@link #createPrivate(int)}. A
 * new set's values are all 0, and between its creation and the creator's first
 * {@link #setAll(int...)} other processes may see and use it. For sets that processes create on
 * demand, {@link #openInitialized} closes that race when every creator uses it (Stevens'
 * protocol), and {@link #openOrCreate} opens sets that C or Python programs create with
 * {@code semget} and {@code SETVAL}, which leave no sign that they are initialised.
 *
 * <p>Change values with {@link #acquire(int, int)}, {@link #release(int, int)}, their try-forms,
 * and {@link #apply(SemaphoreOp...)}, which applies several operations on several semaphores as
 * one: all of them or none. {@link #lock(int)} takes a unit that the kernel gives back if the
 * process dies holding it.
 *
 * <p><b>Waiting.</b> {@code acquire}, {@code waitForZero}, {@code lock}, {@code apply} and the
 * timed forms wait in the kernel ({@code semop}, {@code semtimedop}) until they succeed, their
 * timeout passes (one beyond about 73 years, up to {@code ChronoUnit.FOREVER}, waits that long) or
 * the set is removed. They throw {@link IpcInterruptedException}, with no semaphore changed, when
 * the thread is interrupted before or while they wait, as
 * {@link java.util.concurrent.Semaphore#acquire()} throws {@code InterruptedException}; on a virtual
 * thread the wait lets the carrier thread go. Releases and the {@code try} forms without a timeout
 * never wait, and ignore interrupts.
 *
 * <p><b>Failures.</b> Unless a method says otherwise, a call throws {@link IpcRemovedException}
 * once the set is removed (also while it waits), {@link IpcPermissionDeniedException} when the
 * set's access bits deny the caller (read access to query, alter access to change values), and
 * {@link IpcException} naming errno for any other failure. A wrong index, value or count is
 * refused with {@link IllegalArgumentException} before any call, and so is a number of units
 * outside 1 to {@link #MAX_VALUE}.
 *
 * <p>A handle is only the set's id, key and size (and, once it takes or gives one unit, 24 bytes
 * of native memory per semaphore that make that cheaper): immutable, safe to share between threads,
 * equal to any handle with its id. The set lives until {@link #remove()}.
 */
public final class SemaphoreSet extends AbstractIpcObject<SemaphoreSetStat> implements IpcObject {
    /** The largest value a semaphore can hold ({@code SEMVMX}). */
    public static final int MAX_VALUE = 32767;

    private final int size;
    private final SemaphoreOperations operations;

    SemaphoreSet(int id, IpcKey key, int size) {
        super(IpcKind.SEMAPHORE_SET, id, key);
        this.size = size;
        this.operations = new SemaphoreOperations(this);
    }

    /**
     * Opens the existing set with {@code key}, asking for read and alter access.
     *
     * @param key the set's key; not {@link IpcKey#PRIVATE}
     * @return the set
     * @throws IllegalArgumentException     if {@code key} is {@link IpcKey#PRIVATE}
     * @throws IpcNotFoundException         if no set has the key
     * @throws IpcPermissionDeniedException if the caller may not read and alter the set
     */
    public static SemaphoreSet open(IpcKey key) {
        return open(key, OpenMode.OPEN_EXISTING, IpcPermissions.DEFAULT_MODE, 0);
    }

    /**
     * Opens or creates the set with {@code key}.
     *
     * <p>A created set has {@code count} semaphores, all 0, owned by the caller, with access bits
     * {@code permissions}. For a set that exists, the kernel checks the access {@code permissions}
     * asks for (read for any 4 bit, alter for any 2 bit) and that it has at least {@code count}.
     *
     * @param key         the set's key; {@link IpcKey#PRIVATE} always creates a new set and so
     *                    cannot be used with {@link OpenMode#OPEN_EXISTING}
     * @param mode        whether the set may or must be created
     * @param permissions the nine access bits, such as {@code 0660}
     * @param count       the number of semaphores: at least 1 when the set may be created; with
     *                    {@link OpenMode#OPEN_EXISTING}, the least the existing set must have, or 0
     * @return the set
     * @throws IllegalArgumentException      if {@code permissions} has bits beyond {@code 0777}, {@code count}
     *                                       is out of range, or {@code key} is private with OPEN_EXISTING
     * @throws IpcNotFoundException          if the set does not exist and {@code mode} is {@link OpenMode#OPEN_EXISTING}
     * @throws IpcAlreadyExistsException     if the set exists and {@code mode} is {@link OpenMode#CREATE_NEW}
     * @throws IpcPermissionDeniedException  if the caller lacks the access asked for
     * @throws IpcInvalidArgumentException   if the set has fewer than {@code count} semaphores, or it exceeds {@code semmsl}
     * @throws IpcLimitReachedException      if creating would exceed the kernel's {@code semmni} or {@code semmns}
     */
    public static SemaphoreSet open(IpcKey key, OpenMode mode, int permissions, int count) {
        int flags = openFlags(IpcKind.SEMAPHORE_SET, key, mode, permissions);
        if (mode == OpenMode.OPEN_EXISTING ? count < 0 : count < 1) {
            throw new IllegalArgumentException((mode == OpenMode.OPEN_EXISTING ? "a semaphore count is not negative"
                    : "a semaphore set needs at least 1 semaphore") + ", was " + count);
        }
        int id = SemaphoreSetInitializer.semgetId(key, Syscalls.semget(key.value(), count, flags));
        if (mode == OpenMode.CREATE_NEW) {
            return new SemaphoreSet(id, key, count);
        }
        return ofId(IpcKind.SEMAPHORE_SET, id, (found, foundKey, state) -> fromState(found, key, state));
    }

    private static SemaphoreSet fromState(int id, IpcKey key, MemorySegment state) {
        return new SemaphoreSet(id, key, Structs.semaphoreCount(state));
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
     */
    public static SemaphoreSet createPrivate(int count) {
        return open(IpcKey.PRIVATE, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, count);
    }

    /**
     * Opens the set with this id, as another process's {@link #id()} or {@code ipcs -s} shows it.
     * Its key and size are read from the set whatever its access bits ({@code SEM_STAT_ANY}, as
     * {@code ipcs} reads them; {@code IPC_STAT} before Linux 4.17).
     *
     * @param id the set's id
     * @return the set
     * @throws IllegalArgumentException if {@code id} is negative
     * @throws IpcNotFoundException     if no set has the id
     * @throws IpcException             for any other failure of semctl
     */
    public static SemaphoreSet ofId(int id) {
        return ofId(IpcKind.SEMAPHORE_SET, id, SemaphoreSet::fromState);
    }

    /**
     * Opens the set with {@code key}, creating it with {@code initialValues} if it does not exist,
     * such that no caller sees it before it is initialised, however many processes call this at
     * once (W. Richard Stevens' protocol, UNIX Network Programming vol. 2): the one caller that
     * creates the set ({@code IPC_CREAT | IPC_EXCL}) sets its values ({@code SETALL}) and then
     * performs one operation that changes no value, which alone makes the kernel's last-operation
     * time ({@code sem_otime}) non-zero; every other caller polls {@code IPC_STAT}, backing off from
     * 1 ms to 50 ms, until that time is set or {@code wait} runs out. If the set is removed while a
     * caller waits, the caller starts over. The wait is not interruptible; an interrupt is kept for
     * the caller to see.
     *
     * <p>Every process that creates the set must create it this way (or with {@link #openOrCreate},
     * which initialises the same way), and none may operate on it before: any operation marks it
     * initialised. C and Python programs usually create a set with {@code semget} and
     * {@code SETVAL}, which leaves {@code sem_otime} at zero until its first operation, so this would
     * wait for them in vain: open their sets with {@link #openOrCreate} or {@link #open(IpcKey)}.
     *
     * @param key           the set's key; {@link IpcKey#PRIVATE} always creates a new set
     * @param permissions   the nine access bits a created set gets; an existing set must grant
     *                      the access they ask for (see {@link #open(IpcKey, OpenMode, int, int)})
     * @param wait          how long to wait for another creator to initialise the set; zero or
     *                      negative checks once
     * @param initialValues one value per semaphore, each 0 to {@link #MAX_VALUE}; their number
     *                      is the set's size
     * @return the initialised set
     * @throws IllegalArgumentException            if there are no values, a value is out of range,
     *                                             or {@code permissions} has bits beyond {@code 0777}
     * @throws SemaphoreSetNotInitializedException if the set exists but no operation marked it
     *                                             initialised within {@code wait}
     * @throws IpcInvalidArgumentException         if the existing set has fewer semaphores than values given
     * @throws IpcLimitReachedException            if creating would exceed the kernel's limits
     */
    public static SemaphoreSet openInitialized(IpcKey key, int permissions, Duration wait, int... initialValues) {
        return SemaphoreSetInitializer.openInitialized(key, permissions, wait, initialValues);
    }

    /**
     * Opens the set with {@code key} as it is, or creates it with {@code initialValues}: the way C and
     * Python programs share a set ({@code semget}, then {@code SETVAL} by its creator), for sets they
     * create. It never waits, so a set another process has just created may still hold zeros, the
     * race those programs accept. A set this creates is initialised as {@link #openInitialized} does.
     *
     * @param key           the set's key; {@link IpcKey#PRIVATE} always creates a new set
     * @param permissions   the nine access bits a created set gets; an existing one must grant them
     * @param initialValues one value per semaphore, each 0 to {@link #MAX_VALUE}; their number is
     *                      the size of a created set, and the least an existing set must have
     * @return the set
     * @throws IllegalArgumentException    if there are no values, a value is out of range, or
     *                                     {@code permissions} has bits beyond {@code 0777}
     * @throws IpcInvalidArgumentException if the existing set has fewer semaphores than values given
     * @throws IpcLimitReachedException    if creating would exceed the kernel's limits
     */
    public static SemaphoreSet openOrCreate(IpcKey key, int permissions, int... initialValues) {
        return SemaphoreSetInitializer.openOrCreate(key, permissions, initialValues);
    }

    /**
     * {@return the number of semaphores in the set}
     */
    public int size() {
        return size;
    }

    // ---- control (semctl)

    /**
     * {@return the value of semaphore {@code index}}
     *
     * @param index which semaphore, from 0
     */
    public int getValue(int index) {
        return query(index, Constants.GETVAL, "GETVAL");
    }

    /**
     * Sets semaphore {@code index} to {@code value} ({@code SETVAL}), waking the processes that
     * can now proceed, and clears every process's undo record for it.
     *
     * @param index which semaphore, from 0
     * @param value the new value, 0 to {@link #MAX_VALUE}
     */
    public void setValue(int index, int value) {
        requireIndex(index);
        SemaphoreOperations.requireValue(value);
        check(Syscalls.semctl(id, index, Constants.SETVAL, value), "SETVAL");
    }

    /**
     * {@return the values of all semaphores, in index order}
     */
    public int[] getAll() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = Structs.allocateSemaphoreValues(arena, size);
            check(Syscalls.semctl(id, 0, Constants.GETALL, values), "GETALL");
            return Structs.semaphoreValues(values);
        }
    }

    /**
     * Sets all semaphores at once ({@code SETALL}), waking the processes that can now proceed, and
     * clears every process's undo records for the set.
     *
     * @param values one value per semaphore, in index order, each 0 to {@link #MAX_VALUE}
     * @throws IllegalArgumentException     if there are not {@link #size()} values or one is out of range
     */
    public void setAll(int... values) {
        if (values.length != size) {
            throw new IllegalArgumentException("the set has " + size + " semaphores but " + values.length
                    + " values were given");
        }
        SemaphoreOperations.requireValues(values);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = Structs.allocateSemaphoreValues(arena, size);
            Structs.setSemaphoreValues(buffer, values);
            check(Syscalls.semctl(id, 0, Constants.SETALL, buffer), "SETALL");
        }
    }

    /**
     * {@return the process id of the process that last operated on semaphore {@code index}
     * ({@code GETPID}), or 0 if none did}
     *
     * <p>Linux counts {@link #setValue} and {@link #setAll} as operations here.
     *
     * @param index which semaphore, from 0
     */
    public int lastPid(int index) {
        return query(index, Constants.GETPID, "GETPID");
    }

    /**
     * {@return how many callers are blocked waiting for semaphore {@code index} to grow
     * ({@code GETNCNT}), that is, in a decrement}
     *
     * @param index which semaphore, from 0
     */
    public int countWaitingForIncrease(int index) {
        return query(index, Constants.GETNCNT, "GETNCNT");
    }

    /**
     * {@return how many callers are blocked waiting for semaphore {@code index} to become zero
     * ({@code GETZCNT})}
     *
     * @param index which semaphore, from 0
     */
    public int countWaitingForZero(int index) {
        return query(index, Constants.GETZCNT, "GETZCNT");
    }

    /**
     * {@return the set's owner, mode, size and times ({@code IPC_STAT})}
     */
    public SemaphoreSetStat stat() {
        return readStat();
    }

    private int query(int index, int command, String name) {
        requireIndex(index);
        int result = Syscalls.semctl(id, index, command, 0);
        check(result, name);
        return result;
    }

    // ---- operations (semop)

    /**
     * Applies the operations as one ({@code semop}): blocks until all of them can proceed, then
     * applies all. Operations are applied in order, so two on one semaphore see each other's
     * effect.
     *
     * @param operations the operations, at least one, at most the kernel's {@code semopm}
     * @throws IllegalArgumentException     if there are none or one names a semaphore outside the set
     * @throws IpcWouldBlockException       if an operation has {@link SemaphoreOp#noWait()} and cannot proceed
     * @throws IpcTooLargeException         if there are more operations than the kernel's {@code semopm}
     * @throws IpcException                 ERANGE if a value (or an undo record) would leave its range
     */
    public void apply(SemaphoreOp... operations) {
        this.operations.apply(operations, Wait.BLOCK, 0);
    }

    /**
     * Applies the operations as one if all can proceed now; changes nothing otherwise. Every
     * operation is given {@code IPC_NOWAIT}.
     *
     * @param operations the operations, at least one, at most the kernel's {@code semopm}
     * @return true if they were applied, false if one would have blocked
     * @throws IllegalArgumentException     if there are none or one names a semaphore outside the set
     * @throws IpcTooLargeException         if there are more operations than the kernel's {@code semopm}
     * @throws IpcException                 ERANGE if a value (or an undo record) would leave its range
     */
    public boolean tryApply(SemaphoreOp... operations) {
        return this.operations.apply(operations, Wait.NONE, 0);
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
     * @throws IpcTooLargeException         if there are more operations than the kernel's {@code semopm}
     * @throws IpcException                 ERANGE if a value (or an undo record) would leave its range
     */
    public boolean apply(Duration timeout, SemaphoreOp... operations) {
        return this.operations.apply(operations, Wait.TIMED, Timeouts.nanos(timeout));
    }

    /**
     * Takes one unit of semaphore {@code index}, blocking while it is 0.
     *
     * @param index which semaphore, from 0
     */
    public void acquire(int index) {
        operations.takeOne(requireIndex(index), false);
    }

    /**
     * Takes {@code units} of semaphore {@code index} at once, blocking while it is less.
     *
     * @param index which semaphore, from 0
     * @param units how many, 1 to {@link #MAX_VALUE}
     */
    public void acquire(int index, int units) {
        operations.single(requireIndex(index), -requireUnits(units), 0, Wait.BLOCK, 0);
    }

    /**
     * Takes {@code units} of semaphore {@code index} if it has them now.
     *
     * @param index which semaphore, from 0
     * @param units how many, 1 to {@link #MAX_VALUE}
     * @return true if taken, false if the semaphore has fewer
     */
    public boolean tryAcquire(int index, int units) {
        return operations.single(requireIndex(index), -requireUnits(units), 0, Wait.NONE, 0);
    }

    /**
     * Takes {@code units} of semaphore {@code index}, waiting at most {@code timeout} for it to
     * have them.
     *
     * @param index   which semaphore, from 0
     * @param units   how many, 1 to {@link #MAX_VALUE}
     * @param timeout how long to wait; zero or negative does not wait
     * @return true if taken, false if the time ran out
     */
    public boolean tryAcquire(int index, int units, Duration timeout) {
        return operations.single(requireIndex(index), -requireUnits(units), 0, Wait.TIMED, Timeouts.nanos(timeout));
    }

    /**
     * Takes {@code units} of semaphore {@code index}, waiting at most {@code timeout} in
     * {@code unit} for it to have them: {@link #tryAcquire(int, int, Duration)} without a
     * {@code Duration} to make, as {@link java.util.concurrent.Semaphore#tryAcquire(int, long, TimeUnit)}
     * takes its timeout, for callers that wait often and must not allocate.
     *
     * @param index   which semaphore, from 0
     * @param units   how many, 1 to {@link #MAX_VALUE}
     * @param timeout how long to wait, in {@code unit}; zero or negative does not wait
     * @param unit    the unit of {@code timeout}
     * @return true if taken, false if the time ran out
     */
    public boolean tryAcquire(int index, int units, long timeout, TimeUnit unit) {
        return operations.single(requireIndex(index), -requireUnits(units), 0, Wait.TIMED, Timeouts.nanos(timeout, unit));
    }

    /**
     * Gives one unit back to semaphore {@code index}, waking a caller that can now proceed.
     *
     * @param index which semaphore, from 0
     * @throws IpcException                 ERANGE if the value would exceed {@link #MAX_VALUE}
     */
    public void release(int index) {
        operations.giveOne(requireIndex(index), false);
    }

    /**
     * Adds {@code units} to semaphore {@code index}, waking callers that can now proceed.
     *
     * @param index which semaphore, from 0
     * @param units how many, 1 to {@link #MAX_VALUE}
     * @throws IpcException                 ERANGE if the value would exceed {@link #MAX_VALUE}
     */
    public void release(int index, int units) {
        operations.single(requireIndex(index), requireUnits(units), 0, Wait.BLOCK, 0);
    }

    /**
     * Blocks until semaphore {@code index} is zero.
     *
     * @param index which semaphore, from 0
     */
    public void waitForZero(int index) {
        operations.single(requireIndex(index), 0, 0, Wait.BLOCK, 0);
    }

    /**
     * Takes one unit of semaphore {@code index} with {@code SEM_UNDO}, blocking while it is 0,
     * and returns a lock whose {@link SemaphoreLock#close()} gives it back. If the process exits
     * (or is killed) holding it, the kernel gives it back. For a mutex, start the semaphore at 1.
     *
     * @param index which semaphore, from 0
     * @return the held lock
     * @throws IpcException                 ERANGE when the process's undo record would exceed its bound
     */
    public SemaphoreLock lock(int index) {
        operations.takeOne(requireIndex(index), true);
        return new SemaphoreLock(this, index);
    }

    /**
     * Takes the lock {@link #lock(int)} takes if semaphore {@code index} is not 0 now; like
     * {@link java.nio.channels.FileChannel#tryLock()}, null if it is taken.
     *
     * @param index which semaphore, from 0
     * @return the held lock, or null if the semaphore is 0
     */
    public SemaphoreLock tryLock(int index) {
        return operations.single(requireIndex(index), -1, Constants.SEM_UNDO, Wait.NONE, 0)
                ? new SemaphoreLock(this, index) : null;
    }

    /**
     * Takes the lock {@link #lock(int)} takes, waiting at most {@code timeout} for semaphore
     * {@code index} to be non-zero.
     *
     * @param index   which semaphore, from 0
     * @param timeout how long to wait; zero or negative does not wait
     * @return the held lock, or null if the time ran out
     */
    public SemaphoreLock tryLock(int index, Duration timeout) {
        return operations.single(requireIndex(index), -1, Constants.SEM_UNDO, Wait.TIMED, Timeouts.nanos(timeout))
                ? new SemaphoreLock(this, index) : null;
    }

    /** Gives back what {@link #lock(int)} took; called by {@link SemaphoreLock#close()}. */
    void unlock(int index) {
        operations.giveOne(index, true);
    }

    // ---- argument checks

    /** {@return index} if it names a semaphore of the set */
    int requireIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("semaphore index " + index + " is outside " + this
                    + ", which has " + size + " semaphores");
        }
        return index;
    }
}
