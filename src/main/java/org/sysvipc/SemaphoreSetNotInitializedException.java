package org.sysvipc;

/**
 * {@link SemaphoreSet#openInitialized} found the set but its creator did not initialise it in
 * the time allowed. Either the creator is slow, or it died between creating and initialising the
 * set, which then stays uninitialised until someone removes it: remove it (after making sure no
 * creator is still at work) and open again. The errno is EAGAIN, as for any wait that ran out.
 */
public class SemaphoreSetNotInitializedException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param call    the operation that gave up, such as {@code "openInitialized"}
     * @param subject the set it waited for
     * @param errno   EAGAIN
     * @param detail  how long it waited, or null
     */
    public SemaphoreSetNotInitializedException(String call, String subject, int errno, String detail) {
        super(call, subject, errno, detail);
    }
}
