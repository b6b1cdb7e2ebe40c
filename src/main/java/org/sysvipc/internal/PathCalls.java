package org.sysvipc.internal;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The calls that take a path: ftok, mkfifo and stat, with errno captured. Each returns the raw
 * result; on -1, {@link Errors#lastErrno()} tells why.
 */
public final class PathCalls {
    private static final MethodHandle FTOK = Native.errnoCapturing(ftok$address(), ftok$descriptor());
    private static final MethodHandle MKFIFO = Native.errnoCapturing(mkfifo$address(), mkfifo$descriptor());
    private static final MethodHandle STAT = Native.errnoCapturing(stat$address(), stat$descriptor());

    private PathCalls() {
    }

    /** ftok(3); {@code path} is a NUL-terminated string. */
    public static int ftok(MemorySegment path, int projectId) {
        try {
            return (int) FTOK.invokeExact(Native.callState(), path, projectId);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** mkfifo(3); {@code path} is a NUL-terminated string. */
    public static int mkfifo(MemorySegment path, int mode) {
        try {
            return (int) MKFIFO.invokeExact(Native.callState(), path, mode);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }

    /** stat(2) into {@code buffer}, a struct stat. */
    public static int stat(MemorySegment path, MemorySegment buffer) {
        try {
            return (int) STAT.invokeExact(Native.callState(), path, buffer);
        } catch (Throwable t) {
            throw Errors.unexpected(t);
        }
    }
}
