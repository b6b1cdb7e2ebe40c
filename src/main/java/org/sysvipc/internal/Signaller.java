package org.sysvipc.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one thread that ends blocked calls at their deadlines and signals cancelled calls until they
 * have left the kernel. It sleeps until the earliest deadline or re-check, so a call that waits
 * costs no wake-ups; it is a daemon, made on first use.
 *
 * <p>A signal sent just before the thread enters its system call is lost (the handler runs, and
 * the call then sleeps), so a cancelled call is signalled again 1 ms later, then after 2, 4, up
 * to every 64 ms, until it acknowledges that it has left the call.
 */
final class Signaller {
    private static final long FIRST_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(64);
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Signaller() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("sysvipc-signaller").stackSize(Waiters.STACK_SIZE).factory());
        timer.setRemoveOnCancelPolicy(true); // a call that ends before its deadline leaves nothing behind
        return timer;
    }

    /** Cancels generation {@code generation} of {@code call} as timed out at {@code deadline} ({@link System#nanoTime()}). */
    static ScheduledFuture<?> cancelAt(long deadline, BlockingCall call, long generation) {
        return TIMER.schedule(() -> call.timeOut(generation), deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Signals the thread running cancelled generation {@code generation} of {@code call}, now and until it has left the call. */
    static void endWait(BlockingCall call, long generation) {
        signalWhile(call.runnerTid(), call.restartable(), () -> call.stillCancelled(generation));
    }

    /** Signals thread {@code tid}, now and again while {@code inCall} holds (and a signal can end its call). */
    static void signalWhile(int tid, boolean restartable, BooleanSupplier inCall) {
        new Resignal(tid, restartable, inCall, FIRST_RECHECK_NANOS).run();
    }

    private record Resignal(int tid, boolean restartable, BooleanSupplier inCall, long nextNanos) implements Runnable {
        @Override
        public void run() {
            if (inCall.getAsBoolean() && InterruptSignal.send(tid, restartable)) {
                TIMER.schedule(new Resignal(tid, restartable, inCall, Math.min(MAX_RECHECK_NANOS, 2 * nextNanos)),
                        nextNanos, TimeUnit.NANOSECONDS);
            }
        }
    }
}
