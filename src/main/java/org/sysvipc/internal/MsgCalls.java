package org.sysvipc.internal;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * msgget, msgsnd, msgrcv and msgctl with errno captured. Each returns the call's raw result; on -1,
 * {@link Errors#lastErrno()} tells why.
 */
public final class MsgCalls {
    private static final MethodHandle MSGGET = Native.errnoCapturing(msgget$address(), msgget$descriptor());
    private static final MethodHandle MSGSND = Native.errnoCapturing(msgsnd$address(), msgsnd$descriptor());
    private static final MethodHandle MSGRCV = Native.errnoCapturing(msgrcv$address(), msgrcv$descriptor());
    /** With IPC_NOWAIT these cannot block, so they skip the thread-state transition. */
    private static final MethodHandle MSGSND_NOWAIT = Native.errnoCapturingCritical(msgsnd$address(), msgsnd$descriptor());
    private static final MethodHandle MSGRCV_NOWAIT = Native.errnoCapturingCritical(msgrcv$address(), msgrcv$descriptor());
    private static final MethodHandle MSGCTL = Native.errnoCapturing(msgctl$address(), msgctl$descriptor());

    private MsgCalls() {
    }

    /** msgget(2). */
    public static int msgget(int key, int flags) {
        try {
            return (int) MSGGET.invokeExact(Native.callState(), key, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** msgsnd(2): {@code message} holds the long type followed by {@code size} bytes. */
    public static int msgsnd(int id, MemorySegment message, long size, int flags) {
        try {
            return (int) MSGSND.invokeExact(Native.callState(), id, message, size, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** msgrcv(2): returns the number of bytes received, or -1. */
    public static long msgrcv(int id, MemorySegment message, long capacity, long type, int flags) {
        try {
            return (long) MSGRCV.invokeExact(Native.callState(), id, message, capacity, type, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /**
     * msgsnd(2) with errno captured into {@code callState}, a segment from
     * {@link Errors#newCallState()}; read it with {@link Errors#lastErrno(MemorySegment)}.
     */
    public static int msgsnd(MemorySegment callState, int id, MemorySegment message, long size, int flags) {
        try {
            // two call sites, each with a constant handle, so that both inline
            if ((flags & IPC_NOWAIT()) != 0) {
                return (int) MSGSND_NOWAIT.invokeExact(callState, id, message, size, flags);
            }
            return (int) MSGSND.invokeExact(callState, id, message, size, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** msgrcv(2) with errno captured into {@code callState}: returns the number of bytes received, or -1. */
    public static long msgrcv(MemorySegment callState, int id, MemorySegment message, long capacity, long type,
            int flags) {
        try {
            if ((flags & IPC_NOWAIT()) != 0) {
                return (long) MSGRCV_NOWAIT.invokeExact(callState, id, message, capacity, type, flags);
            }
            return (long) MSGRCV.invokeExact(callState, id, message, capacity, type, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** msgctl(2). */
    public static int msgctl(int id, int command, MemorySegment buffer) {
        try {
            return (int) MSGCTL.invokeExact(Native.callState(), id, command, buffer);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }
}
