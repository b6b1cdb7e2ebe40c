package org.sysvipc.internal;

import static org.sysvipc.internal.SystemCall.MSGRCV;
import static org.sysvipc.internal.SystemCall.MSGSND;
import static org.sysvipc.internal.SystemCall.OPEN;
import static org.sysvipc.internal.SystemCall.POLL_OUT;
import static org.sysvipc.internal.SystemCall.READ;
import static org.sysvipc.internal.SystemCall.SEMOP;
import static org.sysvipc.internal.SystemCall.SEMTIMEDOP;
import static org.sysvipc.internal.SystemCall.WOULD_BLOCK;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Every system call of the module that may block: msgrcv, msgsnd, semop, semtimedop, and a
 * FIFO's open, read, and a writer's wait for room (poll; its writes never wait). A call
 * <ul>
 * <li>never pins a virtual thread: on a virtual thread it is first tried in its form that never
 * waits, and only if that would have waited is it handed to a platform thread (a {@link Waiters
 * waiter}) while the virtual thread parks, letting its carrier go. A downcall cannot unmount a
 * virtual thread, and the JDK's own way of compensating for one ({@code jdk.internal.misc.Blocker})
 * is not open to other modules; it would also only add carriers up to a limit;</li>
 * <li>ends when the thread is interrupted, or at its deadline: the thread making the call is sent
 * a signal ({@link InterruptSignal}), which makes the call return EINTR with nothing done, and then
 * again until it has left the call ({@link Signaller}). A call that completes anyway returns its
 * result: a message is returned or stays in the queue, semaphore operations are applied and
 * reported, or not applied. On a platform thread, {@code Thread.interrupt()} is heard through
 * {@link InterruptHook}; on a virtual thread, the interrupt unparks it;</li>
 * <li>polls instead, every 50 µs to 2 ms, where no signal can end it ({@link InterruptSignal}).</li>
 * </ul>
 * A platform thread makes the call directly, one system call as before, with the hook around it:
 * trying first would cost a second system call whenever the call waits (a receiver in a ping-pong
 * always does, a sender to a full queue often). A timed msgrcv or msgsnd is tried without waiting
 * first, so that a timer is only set for a call that waits. A call that another signal interrupts
 * (an EINTR the module did not cause) is made again, semtimedop with the time left.
 *
 * <p>One instance per thread, reused for its calls: it carries the call ({@link SystemCall}) to a
 * waiter and the state other threads cancel, {@code generation | phase}, so that a late
 * cancellation of an earlier call misses the next one. It allocates nothing on the way that waits
 * directly.
 */
public final class BlockingCall implements Runnable {
    /** The result of a call that ended because its thread was interrupted, or its channel closed. */
    public static final long INTERRUPTED = Long.MIN_VALUE;
    /** The result of a call that ended at its deadline. */
    public static final long TIMED_OUT = Long.MIN_VALUE + 1;
    private static final long IDLE = 0, QUEUED = 1, RUNNING = 2, CANCELLED_INTERRUPTED = 3, CANCELLED_TIMED_OUT = 4;
    private static final long PHASE = 7, ONE_GENERATION = 8;
    private static final long FIRST_POLL_NANOS = 50_000, MAX_POLL_NANOS = 2_000_000;
    private static final VarHandle STATE;
    private static final ThreadLocal<BlockingCall> CURRENT = ThreadLocal.withInitial(BlockingCall::new);
    private static final ThreadLocal<Integer> TID = ThreadLocal.withInitial(Syscalls::gettid);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BlockingCall.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private volatile long state;

    /** The call: written by its thread before the state that publishes it. */
    private final SystemCall call = new SystemCall();
    /** Who may cancel the call besides its deadline: this thread's {@link InterruptHook}, or the caller's channel. */
    private Object canceller;
    /** The last canceller that asked: a call it may cancel that starts after it asked is cancelled as it starts. */
    private volatile Object cancelRequest;

    // ---- who runs it
    private Thread runner;
    private int runnerTid;
    private volatile boolean polling;
    /** The virtual thread that handed the call to a waiter, the waiter's result and failure. */
    private Thread owner;
    private long result;
    private Throwable failure;

    // ---- this thread's own
    private int ownTid;
    private InterruptHook hook;

    private BlockingCall() {
        ownTid = Thread.currentThread().isVirtual() ? 0 : Syscalls.gettid();
    }

    // ---- the calls

    /** msgrcv(2) that waits: the length received, -errno, or {@link #INTERRUPTED}. */
    public static long msgrcv(int id, MemorySegment msgbuf, long capacity, long type, int flags) {
        return CURRENT.get().prepare(MSGRCV, id, msgbuf, capacity, type, flags, false, 0).selfHooked();
    }

    /** msgrcv(2) that waits until {@code deadline} ({@link System#nanoTime()}) at most, or {@link #TIMED_OUT}. */
    public static long msgrcv(int id, MemorySegment msgbuf, long capacity, long type, int flags, long deadline) {
        return CURRENT.get().prepare(MSGRCV, id, msgbuf, capacity, type, flags, true, deadline).selfHooked();
    }

    /** msgsnd(2) that waits: 0, -errno, or {@link #INTERRUPTED}. */
    public static long msgsnd(int id, MemorySegment msgbuf, long size, int flags) {
        return CURRENT.get().prepare(MSGSND, id, msgbuf, size, 0, flags, false, 0).selfHooked();
    }

    /** msgsnd(2) that waits until {@code deadline} at most, or {@link #TIMED_OUT}. */
    public static long msgsnd(int id, MemorySegment msgbuf, long size, int flags, long deadline) {
        return CURRENT.get().prepare(MSGSND, id, msgbuf, size, 0, flags, true, deadline).selfHooked();
    }

    /** semop(2) of {@code count} sembufs, which may wait: 0, -errno, or {@link #INTERRUPTED}. */
    public static long semop(int id, MemorySegment sembufs, long count) {
        return CURRENT.get().prepare(SEMOP, id, sembufs, count, 0, 0, false, 0).selfHooked();
    }

    /** semtimedop(2) that waits until {@code deadline} at most: 0, -errno (EAGAIN at the deadline), {@link #TIMED_OUT} or {@link #INTERRUPTED}. */
    public static long semtimedop(int id, MemorySegment sembufs, long count, long deadline) {
        return CURRENT.get().prepare(SEMTIMEDOP, id, sembufs, count, 0, 0, true, deadline).selfHooked();
    }

    /** open(2) of an existing file, which waits for a FIFO's other end: the descriptor, -errno, or {@link #INTERRUPTED}. */
    public static long open(MemorySegment path, int flags) {
        return CURRENT.get().prepare(OPEN, 0, path, 0, 0, flags, false, 0).selfHooked();
    }

    /** {@return the calling thread's call, for a channel that hooks interrupts itself} */
    public static BlockingCall current() {
        return CURRENT.get();
    }

    /**
     * Whether a pipe's read may be made on this thread as it is, directly, by a channel that tracks
     * the threads in its calls and ends them with {@link #signalWhile} when it closes: on a platform
     * thread, where a signal can end such a call. Else the channel goes through {@link #read}.
     */
    public static boolean pipeReadsWaitHere() {
        return InterruptSignal.ENDS_PIPE_CALLS && !Thread.currentThread().isVirtual();
    }

    /**
     * Signals this call's platform thread, now and again until {@code inCall} turns false: for a
     * channel that closed while the thread was in a pipe call it made directly.
     */
    public void signalWhile(BooleanSupplier inCall) {
        Signaller.signalWhile(ownTid, true, inCall);
    }

    /**
     * read(2) of a pipe into {@code count} bytes at {@code address}, cancelled only through
     * {@link #cancel(Object)} by {@code channel}: bytes read, 0 at end of file, -errno, or
     * {@link #INTERRUPTED}. The memory must stay valid until it returns.
     */
    public long read(int fd, long address, long count, Object channel) {
        call.set(READ, fd, null, address, count, 0, 0, false, 0);
        return hookedBy(channel);
    }

    /**
     * poll(2) until the pipe {@code fd} has room to write, cancelled only through
     * {@link #cancel(Object)} by {@code channel}, as {@link #read}: a positive count once it has
     * room (or its reader is gone, which the next write reports), -errno, or {@link #INTERRUPTED}.
     */
    public long awaitRoom(int fd, Object channel) {
        call.set(POLL_OUT, fd, null, 0, 0, 0, 0, false, 0);
        return hookedBy(channel);
    }

    private BlockingCall prepare(int kind, int id, MemorySegment buffer, long size, long type, int flags,
            boolean timed, long deadline) {
        call.set(kind, id, buffer, 0, size, type, flags, timed, deadline);
        return this;
    }

    // ---- how a call waits

    private long selfHooked() {
        Thread thread = Thread.currentThread();
        if (thread.isInterrupted()) {
            return INTERRUPTED;
        }
        if (thread.isVirtual() || !call.canBeEnded()) {
            canceller = null;
            return await(thread);
        }
        if (hook == null) {
            hook = new InterruptHook(this);
        }
        canceller = hook;
        // await() would make it directly too: called from here, the downcall is a frame less deep, which
        // keeps the segment its handle slices for errno within C2's inlining depth (nothing allocated)
        return call.timedByCancelling() ? await(thread) : direct(thread);
    }

    private long hookedBy(Object channel) {
        canceller = channel;
        return await(Thread.currentThread());
    }

    private long await(Thread thread) {
        boolean virtual = thread.isVirtual();
        boolean signals = call.canBeEnded();
        if ((virtual || !signals || call.timedByCancelling()) && call.canTry()) {
            long now = call.tryNow();
            if (now != WOULD_BLOCK) {
                return now;
            }
            if (call.timed() && call.deadline() - System.nanoTime() <= 0) {
                return TIMED_OUT; // tried, and no time is left to wait
            }
            if (!signals) {
                return poll(thread);
            }
        }
        return virtual ? handToWaiter() : direct(thread);
    }

    /** Makes the call on this platform thread, hooked for interrupts, or cancelled by its channel. */
    private long direct(Thread thread) {
        InterruptHook hook = canceller instanceof InterruptHook own ? own : null;
        runner = thread;
        runnerTid = ownTid;
        long generation = (state & ~PHASE) + ONE_GENERATION;
        if (hook != null) {
            // The hook (through its monitor in begin()) and the timer (through its queue) see this
            // state after a release write: no full fence needed.
            STATE.setRelease(this, generation | RUNNING);
        } else {
            publish(generation | RUNNING); // a channel's close may have come first, before the call started
        }
        ScheduledFuture<?> timer = startTimer(generation);
        if (hook != null) {
            hook.enter();
        }
        try {
            return call.makeUntilDone(this);
        } finally {
            STATE.setRelease(this, generation | IDLE);
            if (timer != null) {
                timer.cancel(false);
            }
            if (hook != null && !hook.exit()) {
                this.hook = new InterruptHook(this);
            }
        }
    }

    /** Hands the call to a waiter and parks until it is done; an interrupt cancels it meanwhile. */
    private long handToWaiter() {
        owner = Thread.currentThread();
        failure = null;
        call.detachFromCaller();
        long generation = (state & ~PHASE) + ONE_GENERATION;
        publish(generation | QUEUED);
        try {
            Waiters.execute(this);
        } catch (RuntimeException | Error e) {
            state = generation | IDLE;
            throw e;
        }
        boolean interrupted = false;
        while (state != (generation | IDLE)) {
            if (Thread.interrupted()) {
                interrupted = true;
                cancel(generation, CANCELLED_INTERRUPTED);
            } else {
                LockSupport.park(this);
            }
        }
        if (interrupted) {
            owner.interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("a blocking call failed on its waiter thread", failure);
        }
        return result;
    }

    /** On a waiter: makes the call handed to it. */
    @Override
    public void run() {
        long generation = state & ~PHASE;
        runner = Thread.currentThread();
        runnerTid = TID.get();
        long outcome;
        if (STATE.compareAndSet(this, generation | QUEUED, generation | RUNNING)) {
            ScheduledFuture<?> timer = startTimer(generation);
            try {
                outcome = call.makeUntilDone(this);
            } catch (RuntimeException | Error e) {
                failure = e;
                outcome = INTERRUPTED;
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        } else {
            outcome = cancelledResult(state);
        }
        result = outcome;
        Thread waiting = owner;
        state = generation | IDLE;
        LockSupport.unpark(waiting);
    }

    /** Where no signal can end the call: tries it, and sleeps between tries, until done, cancelled or due. */
    private long poll(Thread thread) {
        polling = true; // before the state a canceller reads: it unparks a poller rather than signal it
        long generation = start(thread, 0, RUNNING);
        try {
            long pause = FIRST_POLL_NANOS;
            while (true) {
                long now = state;
                if ((now & PHASE) >= CANCELLED_INTERRUPTED) {
                    return cancelledResult(now);
                }
                long outcome = call.tryNow();
                if (outcome != WOULD_BLOCK) {
                    return outcome;
                }
                if (canceller == null && thread.isInterrupted()) {
                    return INTERRUPTED; // a channel that hooks interrupts cancels through the state instead
                }
                long left = call.timed() ? call.deadline() - System.nanoTime() : Long.MAX_VALUE;
                if (left <= 0) {
                    return TIMED_OUT;
                }
                LockSupport.parkNanos(this, Math.min(pause, left));
                pause = Math.min(2 * pause, MAX_POLL_NANOS);
            }
        } finally {
            polling = false;
            state = generation | IDLE;
        }
    }

    private long start(Thread thread, int tid, long phase) {
        runner = thread;
        runnerTid = tid;
        long generation = (state & ~PHASE) + ONE_GENERATION;
        publish(generation | phase);
        return generation;
    }

    /**
     * Publishes a new call's state, then cancels it if its canceller asked before: the canceller
     * writes its request, then reads the state; this writes the state, then reads the request, so
     * one of the two sees the other.
     */
    private void publish(long started) {
        state = started;
        if (canceller != null && cancelRequest == canceller) {
            STATE.compareAndSet(this, started, (started & ~PHASE) | CANCELLED_INTERRUPTED);
        }
    }

    private ScheduledFuture<?> startTimer(long generation) {
        return call.timedByCancelling() ? Signaller.cancelAt(call.deadline(), this, generation) : null;
    }

    /** The result of the call now in progress if it is cancelled, else 0: read before each try of {@link SystemCall#makeUntilDone}. */
    long cancellation() {
        long now = state;
        return (now & PHASE) >= CANCELLED_INTERRUPTED ? cancelledResult(now) : 0;
    }

    // ---- cancelling

    /** Cancels the call now in progress if {@code canceller} may cancel it: its thread's hook, or its channel. */
    public boolean cancel(Object canceller) {
        cancelRequest = canceller;
        while (true) {
            long now = state;
            long phase = now & PHASE;
            if ((phase != QUEUED && phase != RUNNING) || this.canceller != canceller) {
                return false;
            }
            if (STATE.compareAndSet(this, now, (now & ~PHASE) | CANCELLED_INTERRUPTED)) {
                wake(now & ~PHASE, phase);
                return true;
            }
        }
    }

    /** Cancels generation {@code generation} as timed out, if it has not ended. */
    void timeOut(long generation) {
        cancel(generation, CANCELLED_TIMED_OUT);
    }

    /** Cancels generation {@code generation} with {@code reason}, a cancelled phase, if it has not ended. */
    private boolean cancel(long generation, long reason) {
        while (true) {
            long now = state;
            long phase = now & PHASE;
            if ((now & ~PHASE) != generation || (phase != QUEUED && phase != RUNNING)) {
                return false;
            }
            if (STATE.compareAndSet(this, now, generation | reason)) {
                wake(generation, phase);
                return true;
            }
        }
    }

    private void wake(long generation, long phase) {
        if (phase != RUNNING) {
            return; // a waiter that has not started sees the cancellation before it calls
        }
        if (polling) {
            LockSupport.unpark(runner);
        } else if (runner != Thread.currentThread()) {
            Signaller.endWait(this, generation);
        }
    }

    /** Whether generation {@code generation} is cancelled and its thread has not yet left the call. */
    boolean stillCancelled(long generation) {
        long now = state;
        return (now & ~PHASE) == generation && (now & PHASE) >= CANCELLED_INTERRUPTED;
    }

    int runnerTid() {
        return runnerTid;
    }

    boolean restartable() {
        return call.restartable();
    }

    private static long cancelledResult(long state) {
        return (state & PHASE) == CANCELLED_TIMED_OUT ? TIMED_OUT : INTERRUPTED;
    }
}
