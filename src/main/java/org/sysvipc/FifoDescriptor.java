package org.sysvipc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sysvipc.internal.BlockingCall;
import org.sysvipc.internal.Syscalls;

/**
 * The file descriptor of a {@link FifoChannel}, and who is in a call on it. Closing the channel
 * cancels those calls and closes the descriptor once the last has left, never while a call may
 * still use its number (which the process could meanwhile give to another file). One user at a
 * time, the usual case, registers with a compare-and-set; more go into a set.
 */
final class FifoDescriptor {
    private static final long CLOSED = 1, DESCRIPTOR_CLOSED = 2, ONE_USER = 4;
    private static final VarHandle USERS, SOLE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            USERS = lookup.findVarHandle(FifoDescriptor.class, "users", long.class);
            SOLE = lookup.findVarHandle(FifoDescriptor.class, "sole", BlockingCall.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int fd;
    /** {@code users * ONE_USER | DESCRIPTOR_CLOSED | CLOSED}. */
    @SuppressWarnings("unused") // through USERS
    private volatile long users;
    @SuppressWarnings("unused") // through SOLE
    private volatile BlockingCall sole;
    private final Set<BlockingCall> others = ConcurrentHashMap.newKeySet();

    FifoDescriptor(int fd) {
        this.fd = fd;
    }

    /**
     * Registers {@code call}, about to be made on the descriptor by this thread.
     *
     * @throws ClosedChannelException if the channel is closed
     */
    void enter(BlockingCall call) throws ClosedChannelException {
        // registered before counted: a close that sees the count finds the call to cancel
        if (!SOLE.compareAndSet(this, null, call)) {
            others.add(call);
        }
        if (((long) USERS.getAndAdd(this, ONE_USER) & CLOSED) != 0) {
            leave(call);
            throw new ClosedChannelException();
        }
    }

    /** Unregisters {@code call}; the last to leave a closed channel closes the descriptor. */
    void leave(BlockingCall call) {
        if (!SOLE.compareAndSet(this, call, null)) {
            others.remove(call);
        }
        if ((long) USERS.getAndAdd(this, -ONE_USER) - ONE_USER == CLOSED) {
            closeDescriptor();
        }
    }

    /** Closes: cancels the calls in progress, which {@code channel} began, and closes the descriptor once they have left. */
    void close(Object channel) {
        USERS.getAndBitwiseOr(this, CLOSED);
        BlockingCall only = sole;
        if (only != null) {
            only.cancel(channel);
        }
        for (BlockingCall call : others) {
            call.cancel(channel);
        }
        closeDescriptor(); // now if no call is in progress, else when the last leaves
    }

    /** The cleaner's action, once the channel is unreachable and so has no call in progress. */
    void closeUnreachable() {
        USERS.getAndBitwiseOr(this, CLOSED);
        closeDescriptor();
    }

    private void closeDescriptor() {
        if (USERS.compareAndSet(this, CLOSED, CLOSED | DESCRIPTOR_CLOSED)) {
            Syscalls.close(fd); // a pipe's close does not fail in a way the caller could act on
        }
    }
}
