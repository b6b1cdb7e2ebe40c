package org.sysvipc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sysvipc.internal.BlockingCall;
import org.sysvipc.internal.Syscalls;

/**
 * The file descriptor of a {@link FifoChannel}, and the calls in progress on it. Closing the
 * channel ends those calls and closes the descriptor once the last has left, never while a call
 * may still use its number (which the process could meanwhile give to another file). One call at
 * a time, the usual case, registers with one compare-and-set; more go into a set.
 *
 * <p>A call registers, then reads {@code closed}; {@link #close} writes {@code closed}, then reads
 * the registrations: with volatile accesses on both sides, either the call sees the channel closed
 * and does not start, or the close sees the call and ends it.
 */
final class FifoDescriptor {
    private static final VarHandle SOLE, DESCRIPTOR_CLOSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SOLE = lookup.findVarHandle(FifoDescriptor.class, "sole", BlockingCall.class);
            DESCRIPTOR_CLOSED = lookup.findVarHandle(FifoDescriptor.class, "descriptorClosed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int fd;
    private volatile boolean closed;
    @SuppressWarnings("unused") // through DESCRIPTOR_CLOSED
    private volatile boolean descriptorClosed;
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
        if (!SOLE.compareAndSet(this, null, call)) {
            others.add(call);
        }
        if (closed) {
            leave(call);
            throw new ClosedChannelException();
        }
    }

    /** Unregisters {@code call}; the last to leave a closed channel closes the descriptor. */
    void leave(BlockingCall call) {
        if (!SOLE.compareAndSet(this, call, null)) {
            others.remove(call);
        }
        if (closed) {
            closeIfUnused();
        }
    }

    /**
     * Closes: ends the calls in progress, which {@code channel} began (those made on a waiter through
     * {@link BlockingCall#cancel}, those made directly with signals until they leave), and closes
     * the descriptor now if none is, else when the last leaves.
     */
    void close(Object channel) {
        closed = true;
        BlockingCall only = sole;
        if (only != null) {
            end(only, channel);
        }
        for (BlockingCall call : others) {
            end(call, channel);
        }
        closeIfUnused();
    }

    private void end(BlockingCall call, Object channel) {
        if (!call.cancel(channel)) {
            call.signalWhile(() -> sole == call || others.contains(call));
        }
    }

    /** The cleaner's action, once the channel is unreachable and so has no call in progress. */
    void closeUnreachable() {
        closed = true;
        closeIfUnused();
    }

    private void closeIfUnused() {
        if (sole == null && others.isEmpty() && DESCRIPTOR_CLOSED.compareAndSet(this, false, true)) {
            Syscalls.close(fd); // a pipe's close does not fail in a way the caller could act on
        }
    }
}
