package org.sysvipc.testing;

/** The two kinds of thread a blocking call must serve, for tests parameterised by it. */
public enum ThreadKind {
    /** A platform thread: the call is made on it, and {@code Thread.interrupt()} must reach the kernel wait. */
    PLATFORM,
    /** A virtual thread: the call must let the carrier go, and the interrupt unparks it. */
    VIRTUAL;

    /** Starts {@code task} on a new daemon thread of this kind named {@code name}. */
    public Thread start(String name, Runnable task) {
        return this == PLATFORM ? Thread.ofPlatform().daemon().name(name).start(task)
                : Thread.ofVirtual().name(name).start(task);
    }
}
