package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.KernelWaits;
import org.sysvipc.testing.ThreadKind;

/**
 * Timed calls wait in the kernel and end after their deadline, never before, with nothing done;
 * a message or unit that comes while they wait ends them at once. No upper bound on the time is
 * asserted: the machine may be slow.
 */
class TimedCallsTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void timedReceivesEndAfterTheirDeadlineTakingNothing(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.send(9, new byte[] {9}); // of another type: stays
        on(kind, () -> {
            long start = System.nanoTime();
            assertEquals(Optional.empty(), queue.receive(1, SHORT));
            assertAtLeast(SHORT, start);
            try (Arena arena = Arena.ofConfined()) {
                start = System.nanoTime();
                assertFalse(queue.tryReceive(1, MessageBuffer.allocate(arena, 8), SHORT));
                assertAtLeast(SHORT, start);
            }
        });
        assertEquals(1, queue.stat().messageCount());
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void timedSendsToAFullQueueEndAfterTheirDeadlineSendingNothing(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.setMaxBytes(4);
        queue.send(1, new byte[4]);
        on(kind, () -> {
            long start = System.nanoTime();
            assertFalse(queue.trySend(2, new byte[4], SHORT));
            assertAtLeast(SHORT, start);
            try (Arena arena = Arena.ofConfined()) {
                start = System.nanoTime();
                assertFalse(queue.trySend(MessageBuffer.allocate(arena, 4).set(2, new byte[4]), SHORT));
                assertAtLeast(SHORT, start);
            }
        });
        assertEquals(1, queue.stat().messageCount());
        assertEquals(1, queue.receive(0).type());
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void timedSemaphoreCallsEndAfterTheirDeadlineTakingNothing(ThreadKind kind) throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        on(kind, () -> {
            long start = System.nanoTime();
            assertFalse(set.tryAcquire(0, 1, SHORT));
            assertAtLeast(SHORT, start);
            start = System.nanoTime();
            assertNull(set.tryLock(0, SHORT));
            assertAtLeast(SHORT, start);
        });
        assertEquals(0, set.getValue(0));
        assertEquals(0, set.countWaitingForIncrease(0));
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aTimedReceiveAndATimedSendEndWhenTheirWaitIsOver(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        CompletableFuture<Optional<Message>> received = new CompletableFuture<>();
        kind.start("receiving", () -> received.complete(queue.receive(4, Duration.ofMinutes(10))));
        KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), "do_msgrcv");
        queue.send(4, new byte[] {4});
        assertEquals(4, received.get(60, TimeUnit.SECONDS).orElseThrow().data()[0]);

        queue.setMaxBytes(1);
        queue.send(1, new byte[1]);
        CompletableFuture<Boolean> sent = new CompletableFuture<>();
        kind.start("sending", () -> sent.complete(queue.trySend(2, new byte[1], Duration.ofMinutes(10))));
        KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), "do_msgsnd");
        assertEquals(1, queue.receive(0).type());
        assertTrue(sent.get(60, TimeUnit.SECONDS));
        assertEquals(2, queue.receive(0).type());
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void manyTimedReceivesEachEndAtTheirOwnDeadline(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Duration timeout = Duration.ofMillis(50 + 10 * (i % 20));
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            kind.start("receiving " + i, () -> {
                try {
                    long start = System.nanoTime();
                    assertEquals(Optional.empty(), queue.receive(1, timeout));
                    assertAtLeast(timeout, start);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    private static void assertAtLeast(Duration timeout, long start) {
        long waited = System.nanoTime() - start;
        assertTrue(waited >= timeout.toNanos(), "returned " + waited + " ns after it began, before its "
                + timeout.toMillis() + " ms were up");
    }

    interface Checks {
        void run() throws Exception;
    }

    private static void on(ThreadKind kind, Checks checks) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        kind.start("timed", () -> {
            try {
                checks.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(120, TimeUnit.SECONDS);
    }
}
