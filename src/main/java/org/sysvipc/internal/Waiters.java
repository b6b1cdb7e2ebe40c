package org.sysvipc.internal;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The platform threads that make blocking system calls for virtual threads. A downcall cannot
 * unmount a virtual thread, so a virtual thread whose call would block hands it here and parks,
 * which lets its carrier go. There is one waiter per call blocked at once: a System V wait has no
 * readiness notification (no file descriptor to poll), so each wait needs a kernel thread of its
 * own. Waiters are daemons with small stacks (a downcall needs little), made when no idle one is
 * left and ended after 30 idle seconds.
 */
final class Waiters {
    /** The stack of a waiter, and of the signaller: Java frames down to one downcall. */
    static final long STACK_SIZE = 256 * 1024;
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("sysvipc-waiter-", 1).stackSize(STACK_SIZE).factory());

    private Waiters() {
    }

    /** Runs {@code call} on an idle waiter, or a new one. */
    static void execute(Runnable call) {
        POOL.execute(call);
    }
}
