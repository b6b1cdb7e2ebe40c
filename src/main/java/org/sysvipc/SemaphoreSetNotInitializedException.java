package org.sysvipc;

/**
 * {@link SemaphoreSet#openInitialized} found the set, but no semaphore operation had marked it
 * initialised in the time allowed ({@code sem_otime} is still 0). Either its creator is still at
 * work, or it did not create the set the way {@code openInitialized} does: C and Python programs
 * create with {@code semget} and {@code SETVAL}, which leave {@code sem_otime} at 0 until the
 * set's first operation, so open their sets with {@link SemaphoreSet#openOrCreate} or
 * {@link SemaphoreSet#open(IpcKey)}. The set may be in use by a live peer, so nothing here
 * suggests removing it. The errno is EAGAIN, as for any wait that ran out.
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
