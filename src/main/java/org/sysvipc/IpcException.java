package org.sysvipc;

import org.sysvipc.internal.Syscalls;

/**
 * A System V IPC call failed. The message names the call, the object (key, id or path) and
 * errno with its name and text, for example
 * {@code msgget failed for message queue key 0x0000beef: ENOENT (No such file or directory)}.
 *
 * <p>Subclasses tell the common causes apart so callers can catch what they can handle; any other
 * errno arrives as a plain {@code IpcException}, and {@link #errno()} names it. Arguments that are
 * wrong on their face are rejected before any native call with {@link IllegalArgumentException}
 * instead.
 */
public class IpcException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    /** The native call that failed. */
    private final String call;
    /** What it was called on. */
    private final String subject;
    /** The errno the call left, as a number. */
    private final int errnoNumber;

    /**
     * Creates an exception for {@code call} on {@code subject} that failed with {@code errno}.
     *
     * @param call    the native call, such as {@code "msgsnd"}
     * @param subject what it was called on, such as {@code "message queue 3 (key 0x0000beef)"}
     * @param errno   the errno the call left
     */
    public IpcException(String call, String subject, int errno) {
        this(call, subject, errno, null);
    }

    /**
     * Creates an exception with a detail that follows errno's text in the message.
     *
     * @param call    the native call, such as {@code "msgsnd"}
     * @param subject what it was called on
     * @param errno   the errno the call left
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcException(String call, String subject, int errno, String detail) {
        super(call + " failed for " + subject + ": " + Errno.nameOf(errno) + " (" + Syscalls.strerror(errno) + ")"
                + (detail == null ? "" : ": " + detail));
        this.call = call;
        this.subject = subject;
        this.errnoNumber = errno;
    }

    /**
     * {@return the native call that failed, such as {@code "semop"}}
     */
    public String call() {
        return call;
    }

    /**
     * {@return what the call was made on: the key, id or path of the object}
     */
    public String subject() {
        return subject;
    }

    /**
     * {@return the errno the call failed with, or {@link Errno#OTHER} for one the enum does not name}
     */
    public Errno errno() {
        return Errno.of(errnoNumber);
    }

    /**
     * {@return the number of the errno the call failed with, as C's {@code errno} held it}
     */
    public int errnoNumber() {
        return errnoNumber;
    }
}
