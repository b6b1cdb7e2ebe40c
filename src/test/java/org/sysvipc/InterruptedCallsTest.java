package org.sysvipc;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.ThreadSignals;

/** Blocking calls hit by a signal (EINTR) go on waiting instead of failing. */
class InterruptedCallsTest {
    private static final int SIGNALS = 3;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /** Runs {@code call}, interrupts it with a signal {@link #SIGNALS} times while it waits in {@code function}. */
    private static <T> CompletableFuture<T> signalled(String function, Supplier<T> call) {
        CompletableFuture<T> outcome = CompletableFuture.supplyAsync(call, r -> Thread.ofPlatform().daemon().start(r));
        for (int i = 0; i < SIGNALS; i++) {
            int tid = ThreadSignals.awaitThreadIn(function);
            ThreadSignals.interrupt(tid);
            // the retry puts it back to sleep in the same function; wait for that before the next signal
        }
        ThreadSignals.awaitThreadIn(function);
        return outcome;
    }

    @Test
    void receiveIsRetried() throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        CompletableFuture<Message> received = signalled("do_msgrcv", () -> queue.receive(0));
        queue.send(5, "after the signals".getBytes());
        assertEquals("after the signals", received.get(30, TimeUnit.SECONDS).text());
    }

    @Test
    void sendToAFullQueueIsRetried() throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.setMaxBytes(4);
        queue.send(1, new byte[4]);
        CompletableFuture<Boolean> sent = signalled("do_msgsnd", () -> {
            queue.send(2, new byte[4]);
            return true;
        });
        queue.receive(1);
        assertTrue(sent.get(30, TimeUnit.SECONDS));
        assertEquals(2, queue.receive(0).type());
    }

    @Test
    void acquireIsRetried() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        CompletableFuture<Boolean> acquired = signalled("__do_semtimedop", () -> {
            set.acquire(0);
            return true;
        });
        set.release(0);
        assertTrue(acquired.get(30, TimeUnit.SECONDS));
        assertEquals(0, set.getValue(0));
    }

    @Test
    void timedAcquireIsRetriedAndStillTimesOut() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        CompletableFuture<Boolean> acquired = signalled("__do_semtimedop",
                () -> set.tryAcquire(0, 1, Duration.ofSeconds(3)));
        assertFalse(acquired.get(30, TimeUnit.SECONDS), "nothing released the semaphore, so the wait times out");
        assertEquals(0, set.getValue(0));
    }
}
