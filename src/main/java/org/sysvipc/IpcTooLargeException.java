package org.sysvipc;

/**
 * A message is larger than the receive buffer and truncation was not asked for (E2BIG), or larger than the kernel's msgmax.
 */
public class IpcTooLargeException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (E2BIG, or EINVAL for a message above msgmax)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcTooLargeException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
