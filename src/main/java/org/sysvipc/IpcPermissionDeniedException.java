package org.sysvipc;

/**
 * The caller's user and groups are not allowed what it asked (EACCES), or it is neither owner nor creator nor privileged (EPERM).
 */
public class IpcPermissionDeniedException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (EACCES or EPERM)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcPermissionDeniedException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
