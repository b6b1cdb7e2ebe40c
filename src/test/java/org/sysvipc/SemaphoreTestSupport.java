package org.sysvipc;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Runs blocking calls on their own threads and waits for observable states, for the semaphore tests. */
final class SemaphoreTestSupport {
    /** How long a test waits for something that should happen at once; only a hang takes this long. */
    static final long PATIENCE_SECONDS = 20;

    private SemaphoreTestSupport() {
    }

    /** Starts {@code task} on a new daemon platform thread. */
    static <T> Future<T> inBackground(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "semaphore-test-background");
        thread.setDaemon(true); // a thread still blocked when a test fails is woken by the set's removal
        thread.start();
        return future;
    }

    /** Polls {@code condition} until it holds; fails if it does not within {@link #PATIENCE_SECONDS}. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up waiting until " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }

    /** The task's result; fails if it does not end within {@link #PATIENCE_SECONDS}. */
    static <T> T result(Future<T> future) throws ExecutionException, InterruptedException {
        try {
            return future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the background call did not end", e);
        }
    }

    /** What the task threw; fails if it returned or does not end within {@link #PATIENCE_SECONDS}. */
    static Throwable failureOf(Future<?> future) throws InterruptedException {
        try {
            Object value = result(future);
            throw new AssertionError("expected the background call to fail, but it returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
