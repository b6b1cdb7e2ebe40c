package org.sysvipc;

import org.sysvipc.internal.ErrnoNumbers;

/**
 * A call that waits (a receive, a send to a full queue, a semaphore operation that must wait) ended
 * because its thread was interrupted, before it began to wait or while it waited. The call did
 * nothing: no message was taken from or added to the queue, no semaphore changed. The thread's
 * interrupt status is set, as {@link java.nio.channels.ClosedByInterruptException} leaves it, so
 * that code further up (a loop's condition, the next call that would wait, an executor) sees the
 * interrupt too; {@link Thread#interrupted()} clears it. Its errno is {@code EINTR}.
 *
 * <p>A call whose wait ended at the moment of the interrupt, with a message received or sent or
 * the operations applied, returns normally instead, with the interrupt status still set. Calls
 * that never wait (the {@code try} forms without a timeout, releases, closing a lock) ignore the
 * interrupt status.
 *
 * <p>So a consumer loop stops cleanly on interrupt, or on an executor's
 * {@link java.util.concurrent.ExecutorService#shutdownNow()}, and loses no message: see the
 * package description.
 */
public class IpcInterruptedException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for {@code call} on {@code subject}.
     *
     * @param call    the native call that was waiting, such as {@code "msgrcv"}
     * @param subject what it was called on
     * @param detail  what the call left undone, such as {@code "nothing was received"}
     */
    public IpcInterruptedException(String call, String subject, String detail) {
        super(call, subject, ErrnoNumbers.EINTR, "the thread was interrupted; " + detail);
    }
}
