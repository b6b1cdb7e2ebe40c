package org.sysvipc.internal;

import java.io.IOException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Hears {@link Thread#interrupt()} while a platform thread is blocked in a system call: the one
 * public hook the JDK offers. Between {@link #begin()} and {@link #end(boolean)},
 * {@code Thread.interrupt()} calls {@link #implCloseChannel()} (in the interrupting thread, or at
 * once if the thread is interrupted already), which cancels the thread's {@link BlockingCall}.
 * It is a channel only in name: one per thread, reused until an interrupt closes it, then
 * replaced.
 */
final class InterruptHook extends AbstractInterruptibleChannel {
    private final BlockingCall call;

    InterruptHook(BlockingCall call) {
        this.call = call;
    }

    /** Registers the hook for the calling thread. */
    void enter() {
        begin();
    }

    /**
     * Unregisters it.
     *
     * @return whether it can be used again: false once an interrupt closed it
     */
    boolean exit() {
        try {
            end(true);
        } catch (IOException closedByInterrupt) {
            // the call's own state says what the interrupt did to it
        }
        return isOpen();
    }

    @Override
    protected void implCloseChannel() {
        call.cancel(this);
    }
}
