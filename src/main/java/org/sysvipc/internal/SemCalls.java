package org.sysvipc.internal;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.sysvipc.generated.SysvIpc;

/**
 * semget, semop, semtimedop and semctl with errno captured. semctl is variadic; jextract's invoker
 * boxes every argument, so it is linked here twice with the fourth argument's two shapes (an int
 * for SETVAL, a pointer for IPC_STAT, GETALL, SETALL and the rest). Each method returns the raw
 * result; on -1, {@link Errors#lastErrno()} tells why.
 */
public final class SemCalls {
    private static final MethodHandle SEMGET = Native.errnoCapturing(semget$address(), semget$descriptor());
    private static final MethodHandle SEMOP = Native.errnoCapturing(semop$address(), semop$descriptor());
    /** For operations that cannot block: they skip the thread-state transition. */
    private static final MethodHandle SEMOP_NONBLOCKING = Native.errnoCapturingCritical(semop$address(), semop$descriptor());
    private static final MethodHandle SEMOP_AT_ONCE = Native.critical(semop$address(), semop$descriptor());
    private static final MethodHandle SEMTIMEDOP =
            Native.errnoCapturing(semtimedop$address(), semtimedop$descriptor());
    private static final MethodHandle SEMCTL_INT = Native.errnoCapturing(semctl.address(),
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle SEMCTL_POINTER = Native.errnoCapturing(semctl.address(),
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, SysvIpc.C_POINTER), Linker.Option.firstVariadicArg(3));

    private SemCalls() {
    }

    /** semget(2). */
    public static int semget(int key, int count, int flags) {
        try {
            return (int) SEMGET.invokeExact(Native.callState(), key, count, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** semop(2) over {@code count} sembufs. */
    public static int semop(int id, MemorySegment operations, long count) {
        try {
            return (int) SEMOP.invokeExact(Native.callState(), id, operations, count);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /**
     * semop(2) over {@code count} sembufs with errno captured into {@code callState}, a segment from
     * {@link Errors#newCallState()}. {@code cannotBlock} says that every operation adds (a positive
     * delta) or has IPC_NOWAIT, so that the call returns at once.
     */
    public static int semop(MemorySegment callState, int id, MemorySegment operations, long count,
            boolean cannotBlock) {
        try {
            if (cannotBlock) {
                return (int) SEMOP_NONBLOCKING.invokeExact(callState, id, operations, count);
            }
            return (int) SEMOP.invokeExact(callState, id, operations, count);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /**
     * semop(2) without errno, for the fast path of operations that cannot block (each adds or has
     * IPC_NOWAIT). A caller that gets -1 calls again through an errno-capturing method to learn
     * why; that is sound because a semop that fails changes nothing.
     */
    public static int semopAtOnce(int id, MemorySegment operations, long count) {
        try {
            return (int) SEMOP_AT_ONCE.invokeExact(id, operations, count);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** semtimedop(2) with errno captured into {@code callState}. */
    public static int semtimedop(MemorySegment callState, int id, MemorySegment operations, long count,
            MemorySegment timeout) {
        try {
            return (int) SEMTIMEDOP.invokeExact(callState, id, operations, count, timeout);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** semtimedop(2); {@code timeout} is a struct timespec, or NULL to wait forever. */
    public static int semtimedop(int id, MemorySegment operations, long count, MemorySegment timeout) {
        try {
            return (int) SEMTIMEDOP.invokeExact(Native.callState(), id, operations, count, timeout);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** semctl(2) for commands whose fourth argument is an int or absent (GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, IPC_RMID). */
    public static int semctl(int id, int index, int command, int value) {
        try {
            return (int) SEMCTL_INT.invokeExact(Native.callState(), id, index, command, value);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** semctl(2) for commands whose fourth argument is a pointer (IPC_STAT, IPC_SET, GETALL, SETALL, IPC_INFO, SEM_STAT_ANY). */
    public static int semctl(int id, int index, int command, MemorySegment buffer) {
        try {
            return (int) SEMCTL_POINTER.invokeExact(Native.callState(), id, index, command, buffer);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }
}
