package org.sysvipc.internal;

import static org.sysvipc.internal.ErrnoNumbers.*;

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

    /**
     * The exception for {@code call} on {@code subject} that failed with {@code errno}, of the
     * subclass that names the cause; {@code detail} follows errno's text in the message, or is null.
     */
    public static IpcException of(String call, String subject, int errno, String detail) {
        if (errno == ENOENT) {
            return new IpcNotFoundException(call, subject, errno, detail);
        } else if (errno == EEXIST) {
            return new IpcAlreadyExistsException(call, subject, errno, detail);
        } else if (errno == EACCES || errno == EPERM) {
            return new IpcPermissionDeniedException(call, subject, errno, detail);
        } else if (errno == EIDRM) {
            return new IpcRemovedException(call, subject, errno, detail);
        } else if (errno == EAGAIN || errno == ENOMSG) {
            return new IpcWouldBlockException(call, subject, errno, detail);
        } else if (errno == E2BIG) {
            return new IpcTooLargeException(call, subject, errno, detail);
        } else if (errno == ENOSPC) {
            return new IpcLimitReachedException(call, subject, errno, detail);
        } else if (errno == EINVAL) {
            return new IpcInvalidArgumentException(call, subject, errno, detail);
        }
        return new IpcException(call, subject, errno, detail);
    }

    /** {@link #of} without a detail. */
    public static IpcException of(String call, String subject, int errno) {
        return of(call, subject, errno, null);
    }
}
