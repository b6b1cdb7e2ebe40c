package org.sysvipc;

/**
 * The kernel rejected an argument (EINVAL): for example a size outside the limits, a semaphore count that does not match an existing set, or a value out of range.
 */
public class IpcInvalidArgumentException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (EINVAL)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcInvalidArgumentException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
