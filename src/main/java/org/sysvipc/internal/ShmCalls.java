package org.sysvipc.internal;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * shmget, shmat, shmdt and shmctl with errno captured. Each returns the raw result; on failure
 * (-1, or shmat's (void *) -1), {@link Errors#lastErrno()} tells why.
 */
public final class ShmCalls {
    /** What shmat returns on failure. */
    public static final long SHMAT_FAILED = -1L;

    private static final MethodHandle SHMGET = Native.errnoCapturing(shmget$address(), shmget$descriptor());
    private static final MethodHandle SHMAT = Native.errnoCapturing(shmat$address(), shmat$descriptor());
    private static final MethodHandle SHMDT = Native.errnoCapturing(shmdt$address(), shmdt$descriptor());
    private static final MethodHandle SHMCTL = Native.errnoCapturing(shmctl$address(), shmctl$descriptor());

    private ShmCalls() {
    }

    /** shmget(2). */
    public static int shmget(int key, long size, int flags) {
        try {
            return (int) SHMGET.invokeExact(Native.callState(), key, size, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** shmat(2): the zero-length address of the attachment, whose address is {@link #SHMAT_FAILED} on failure. */
    public static MemorySegment shmat(int id, MemorySegment address, int flags) {
        try {
            return (MemorySegment) SHMAT.invokeExact(Native.callState(), id, address, flags);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** shmdt(2). */
    public static int shmdt(MemorySegment address) {
        try {
            return (int) SHMDT.invokeExact(Native.callState(), address);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** shmctl(2). */
    public static int shmctl(int id, int command, MemorySegment buffer) {
        try {
            return (int) SHMCTL.invokeExact(Native.callState(), id, command, buffer);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }
}
