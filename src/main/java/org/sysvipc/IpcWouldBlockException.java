package org.sysvipc;

/**
 * A no-wait operation would have had to block: the queue is full, no message matches, or the semaphore cannot be decremented now (EAGAIN, ENOMSG). Where this is the common outcome the API offers a try-method that returns instead of throwing.
 */
public class IpcWouldBlockException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (EAGAIN or ENOMSG)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcWouldBlockException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
