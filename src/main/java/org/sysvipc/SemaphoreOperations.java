package org.sysvipc;

import static org.sysvipc.internal.ErrnoNumbers.EAGAIN;
import static org.sysvipc.internal.ErrnoNumbers.EINTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sysvipc.internal.BlockingCall;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.Structs;
import org.sysvipc.internal.Syscalls;

/**
 * The semop engine of one {@link SemaphoreSet}: every operation on its values goes through
 * {@link #run}, which tells "would block" and "timed out" from a failure. The sembufs of one-unit lock, unlock, acquire and release are prepared once per set
 * and shared by all threads, since the kernel only reads them; other operations are written into
 * native memory kept per thread, so that no operation allocates.
 */
final class SemaphoreOperations {
    /** How a call waits, and what it does when an operation cannot proceed. */
    enum Wait {
        /** semop, which waits; EAGAIN (from an operation with its own IPC_NOWAIT) is a failure. */
        BLOCK("semop", false),
        /** semop with IPC_NOWAIT on every operation: false when one cannot proceed. */
        NONE("semop", true),
        /** semtimedop: false when the time runs out. */
        TIMED("semtimedop", true);

        final String call;
        final boolean falseOnWouldBlock;

        Wait(String call, boolean falseOnWouldBlock) {
            this.call = call;
            this.falseOnWouldBlock = falseOnWouldBlock;
        }
    }

    /** The prepared one-unit operations of each semaphore, in this order. */
    private static final int LOCK_NOW = 0, UNLOCK = 1, ACQUIRE_NOW = 2, RELEASE = 3;
    private static final int PREPARED_PER_INDEX = 4;
    /** Sets of up to this many semaphores prepare their one-unit operations (24 bytes a semaphore). */
    private static final int MAX_PREPARED = 256;
    /** Operations that fit a thread's scratch memory; longer arrays get their own. */
    private static final int SCRATCH_OPERATIONS = 8;
    /** A thread's native memory for the sembufs of one call. */
    private static final ThreadLocal<MemorySegment> SCRATCH =
            ThreadLocal.withInitial(() -> Structs.allocateSembufs(Arena.ofAuto(), SCRATCH_OPERATIONS));

    private final SemaphoreSet set;
    /** The prepared sembufs, made on first use; racing threads each make equal ones, and any will do. */
    private volatile MemorySegment prepared;

    SemaphoreOperations(SemaphoreSet set) {
        this.set = set;
    }

    /**
     * Applies prepared operation {@code which} of semaphore {@code index} if it can proceed now, in a
     * call that cannot block and captures no errno: false if it was not applied, for whatever
     * reason, and then the caller goes the ordinary way, which waits or tells why. A failed semop
     * changes nothing, so trying first changes nothing either. The index must have been checked.
     */
    boolean appliedAtOnce(int index, int which) {
        MemorySegment operations = prepared;
        if (operations == null) {
            if (set.size() > MAX_PREPARED) {
                return false;
            }
            operations = prepare();
        }
        return Syscalls.semopApplied(set.id, Structs.sembufAt(operations, index * PREPARED_PER_INDEX + which), 1);
    }

    private MemorySegment prepare() {
        MemorySegment operations = Structs.allocateSembufs(Arena.ofAuto(), (long) set.size() * PREPARED_PER_INDEX);
        for (int index = 0; index < set.size(); index++) {
            int base = index * PREPARED_PER_INDEX;
            Structs.putSembuf(operations, base + LOCK_NOW, index, -1, Constants.SEM_UNDO | Constants.IPC_NOWAIT);
            Structs.putSembuf(operations, base + UNLOCK, index, 1, Constants.SEM_UNDO);
            Structs.putSembuf(operations, base + ACQUIRE_NOW, index, -1, Constants.IPC_NOWAIT);
            Structs.putSembuf(operations, base + RELEASE, index, 1, 0);
        }
        prepared = operations;
        return operations;
    }

    /**
     * Takes one unit of semaphore {@code index} (checked), with {@code SEM_UNDO} if {@code undo}:
     * at once through the prepared operation if it can, else waiting, after refusing an interrupted
     * thread.
     */
    void takeOne(int index, boolean undo) {
        requireNotInterrupted(set);
        if (!appliedAtOnce(index, undo ? LOCK_NOW : ACQUIRE_NOW)) {
            // taken, or failing: wait, or learn why
            single(index, -1, undo ? Constants.SEM_UNDO : 0, Wait.BLOCK, 0);
        }
    }

    /** Gives one unit back to semaphore {@code index} (checked), as {@link #takeOne} took it; never waits. */
    void giveOne(int index, boolean undo) {
        if (!appliedAtOnce(index, undo ? UNLOCK : RELEASE)) {
            single(index, 1, undo ? Constants.SEM_UNDO : 0, Wait.BLOCK, 0);
        }
    }

    /** One operation on a checked index, without allocating. */
    boolean single(int index, int delta, int flags, Wait wait, long timeoutNanos) {
        MemorySegment scratch = SCRATCH.get();
        int allFlags = wait == Wait.NONE ? flags | Constants.IPC_NOWAIT : flags;
        Structs.putSembuf(scratch, 0, index, delta, allFlags);
        boolean cannotBlock = delta > 0 || (allFlags & Constants.IPC_NOWAIT) != 0;
        return run(scratch, 1, cannotBlock, wait, timeoutNanos);
    }

    /** Several operations as one; {@link Wait#NONE} adds IPC_NOWAIT to each. */
    boolean apply(SemaphoreOp[] operations, Wait wait, long timeoutNanos) {
        if (operations.length == 0) {
            throw new IllegalArgumentException("no semaphore operations given");
        }
        for (SemaphoreOp operation : operations) {
            set.requireIndex(operation.index());
        }
        int extraFlags = wait == Wait.NONE ? Constants.IPC_NOWAIT : 0;
        boolean cannotBlock = true;
        for (SemaphoreOp operation : operations) {
            cannotBlock &= operation.delta() > 0 || operation.noWait() || extraFlags != 0;
        }
        if (operations.length <= SCRATCH_OPERATIONS) {
            MemorySegment scratch = SCRATCH.get();
            fill(scratch, operations, extraFlags);
            return run(scratch, operations.length, cannotBlock, wait, timeoutNanos);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffers = Structs.allocateSembufs(arena, operations.length);
            fill(buffers, operations, extraFlags);
            return run(buffers, operations.length, cannotBlock, wait, timeoutNanos);
        }
    }

    private static void fill(MemorySegment buffers, SemaphoreOp[] operations, int extraFlags) {
        for (int i = 0; i < operations.length; i++) {
            SemaphoreOp operation = operations[i];
            int flags = extraFlags | (operation.undo() ? Constants.SEM_UNDO : 0)
                    | (operation.noWait() ? Constants.IPC_NOWAIT : 0);
            Structs.putSembuf(buffers, i, operation.index(), operation.delta(), flags);
        }
    }

    /**
     * Calls semop, or semtimedop until the deadline, until it does not fail with EINTR. Operations
     * that cannot block ({@code cannotBlock}: each adds or has IPC_NOWAIT) take the handle for calls
     * that return at once; the others go through {@link BlockingCall}, which never pins a virtual
     * thread and ends the wait when the thread is interrupted.
     */
    private boolean run(MemorySegment operations, int count, boolean cannotBlock, Wait wait, long timeoutNanos) {
        long deadline = wait == Wait.TIMED ? System.nanoTime() + timeoutNanos : 0;
        while (true) {
            long result;
            if (cannotBlock) {
                result = Syscalls.semop(set.id, operations, count, true);
            } else if (wait == Wait.TIMED) {
                result = BlockingCall.semtimedop(set.id, operations, count, deadline);
            } else {
                result = BlockingCall.semop(set.id, operations, count);
            }
            if (result == 0) {
                return true;
            }
            if (result == -EINTR) {
                continue; // a signal handler ran; the operations were not applied
            }
            if (result == BlockingCall.TIMED_OUT || result == -EAGAIN && wait.falseOnWouldBlock) {
                return false;
            }
            if (result == BlockingCall.INTERRUPTED) {
                throw interrupted(set, wait.call);
            }
            throw set.failure(wait.call, (int) -result);
        }
    }

    /** Throws if the thread is interrupted: a call that may wait refuses to start then, even if it would not wait. */
    static void requireNotInterrupted(SemaphoreSet set) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(set, "semop");
        }
    }

    private static IpcInterruptedException interrupted(SemaphoreSet set, String call) {
        return new IpcInterruptedException(call, set.toString(), "no semaphore was changed");
    }

    // ---- argument checks

    /** Checks each value is 0 to {@link SemaphoreSet#MAX_VALUE}, and that there is one at least. */
    static void requireValues(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a semaphore set needs at least 1 semaphore, so at least 1 value");
        }
        for (int value : values) {
            requireValue(value);
        }
    }

    static void requireValue(int value) {
        if (value < 0 || value > SemaphoreSet.MAX_VALUE) {
            throw new IllegalArgumentException("a semaphore value must be 0 to " + SemaphoreSet.MAX_VALUE + ", was " + value);
        }
    }

    static int requireUnits(int units) {
        if (units < 1 || units > SemaphoreSet.MAX_VALUE) {
            throw new IllegalArgumentException("units must be 1 to " + SemaphoreSet.MAX_VALUE + ", was " + units);
        }
        return units;
    }
}
