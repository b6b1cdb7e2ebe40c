package org.sysvipc;

/**
 * The object was removed: while the caller was blocked on it (EIDRM), or before the call, so its id no longer names anything.
 */
public class IpcRemovedException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (EIDRM, or EINVAL on an id that no longer exists)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcRemovedException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
