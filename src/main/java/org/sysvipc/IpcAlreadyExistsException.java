package org.sysvipc;

/**
 * An exclusive create found the object already there (EEXIST).
 */
public class IpcAlreadyExistsException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the native call that failed
     * @param subject what it was called on
     * @param errno   the errno it failed with (EEXIST)
     * @param detail  what the layer knows beyond errno, or null
     */
    public IpcAlreadyExistsException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
