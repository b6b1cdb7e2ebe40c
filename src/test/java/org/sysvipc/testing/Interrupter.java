package org.sysvipc.testing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Interrupts threads at random, every few microseconds to a millisecond, until told to stop: the
 * load under which blocking calls must lose nothing. Counts the interrupts it sent.
 */
public final class Interrupter implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;
    private volatile long sent;

    private Interrupter(List<Thread> targets) {
        thread = Thread.ofPlatform().daemon().name("interrupter").start(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop) {
                targets.get(random.nextInt(targets.size())).interrupt();
                sent++;
                LockSupport.parkNanos(random.nextLong(5_000, 1_000_000));
            }
        });
    }

    /** Starts interrupting {@code targets}. */
    public static Interrupter of(List<Thread> targets) {
        return new Interrupter(List.copyOf(targets));
    }

    /** {@return how many interrupts were sent so far} */
    public long sent() {
        return sent;
    }

    /** Waits, while interrupting, until {@code condition} holds; fails after 120 s. */
    public void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 120 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Stops and waits for the interrupting thread to end. */
    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}
