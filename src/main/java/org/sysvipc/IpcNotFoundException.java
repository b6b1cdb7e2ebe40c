package org.sysvipc;

/**
 * The object does not exist: no IPC object has the key (ENOENT), or the path does not exist.
 */
public class IpcNotFoundException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (ENOENT)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcNotFoundException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
