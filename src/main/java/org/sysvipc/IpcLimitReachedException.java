package org.sysvipc;

/**
 * A system-wide limit is reached: msgmni, semmni, semmns, shmmni or shmall (ENOSPC).
 */
public class IpcLimitReachedException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (ENOSPC)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcLimitReachedException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
