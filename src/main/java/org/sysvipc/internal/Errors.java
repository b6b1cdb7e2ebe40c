package org.sysvipc.internal;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import org.sysvipc.IpcAlreadyExistsException;
import org.sysvipc.IpcException;
import org.sysvipc.IpcInvalidArgumentException;
import org.sysvipc.IpcLimitReachedException;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcPermissionDeniedException;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.IpcTooLargeException;
import org.sysvipc.IpcWouldBlockException;

/** Turns a failed call's errno into the typed exception the API promises. */
public final class Errors {
    private Errors() {
    }

    /** The exception for the errno this thread's last errno-capturing call left. */
    public static IpcException lastCall(String call, Object subject) {
        return of(call, subject, lastErrno(), null);
    }

    /** The errno this thread's last errno-capturing call left. */
    public static int lastErrno() {
        return Native.lastErrno();
    }

    /** The errno captured into {@code callState}, a segment from {@link #newCallState}, by the last call given it. */
    public static int lastErrno(MemorySegment callState) {
        return Native.lastErrno(callState);
    }

    /**
     * A segment the calls that take one capture errno into, for callers that keep their own per
     * thread or per buffer instead of looking up this thread's on every call; freed when unreachable.
     */
    public static MemorySegment newCallState() {
        return Native.newCallState();
    }

    /** The layout of a call-state segment, for callers that allocate one in an arena of their own. */
    public static MemoryLayout callStateLayout() {
        return Native.callStateLayout();
    }

    /** The exception for {@code errno}; {@code subject}'s string names the object in the message. */
    public static IpcException of(String call, Object subject, int errno, String detail) {
        String what = String.valueOf(subject);
        if (errno == ENOENT()) {
            return new IpcNotFoundException(call, what, errno, detail);
        } else if (errno == EEXIST()) {
            return new IpcAlreadyExistsException(call, what, errno, detail);
        } else if (errno == EACCES() || errno == EPERM()) {
            return new IpcPermissionDeniedException(call, what, errno, detail);
        } else if (errno == EIDRM()) {
            return new IpcRemovedException(call, what, errno, detail);
        } else if (errno == EAGAIN() || errno == ENOMSG()) {
            return new IpcWouldBlockException(call, what, errno, detail);
        } else if (errno == E2BIG()) {
            return new IpcTooLargeException(call, what, errno, detail);
        } else if (errno == ENOSPC()) {
            return new IpcLimitReachedException(call, what, errno, detail);
        } else if (errno == EINVAL()) {
            return new IpcInvalidArgumentException(call, what, errno, detail);
        }
        return new IpcException(call, what, errno, detail);
    }

    /**
     * The exception for a call on an object by id that failed with {@code errno}: EINVAL on an id
     * that no longer exists becomes {@link IpcRemovedException}, since that is what the caller
     * needs to know.
     */
    public static IpcException onId(String call, Object subject, int errno, boolean stillExists) {
        if ((errno == EINVAL() || errno == EIDRM()) && !stillExists) {
            return new IpcRemovedException(call, String.valueOf(subject), errno, "the object was removed");
        }
        return of(call, subject, errno, null);
    }

    /**
     * The exception for looking up an object by id ({@code ofId}) that failed with {@code errno}:
     * the kernel answers EINVAL (or EIDRM, while a removal is under way) for an id that names
     * nothing, which becomes {@link IpcNotFoundException}.
     */
    public static IpcException onLookupById(String call, Object subject, int errno) {
        if (errno == EINVAL() || errno == EIDRM()) {
            return new IpcNotFoundException(call, String.valueOf(subject), errno, "no object has this id");
        }
        return of(call, subject, errno, null);
    }

    static AssertionError unexpected(Throwable t) {
        return new AssertionError("a downcall threw", t);
    }
}
