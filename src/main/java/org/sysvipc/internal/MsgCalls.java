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

    /** msgctl(2). */
    public static int msgctl(int id, int command, MemorySegment buffer) {
        try {
            return (int) MSGCTL.invokeExact(Native.callState(), id, command, buffer);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }
}
