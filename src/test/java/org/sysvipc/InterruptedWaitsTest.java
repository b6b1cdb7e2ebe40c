package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysvipc.php.PhpMessageQueue;
import org.sysvipc.php.PhpSemaphore;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.KernelWaits;
import org.sysvipc.testing.TestKeys;
import org.sysvipc.testing.ThreadKind;

/**
 * Every call of the module that waits on a queue or a semaphore ends when its thread is
 * interrupted while it waits in the kernel, on platform and virtual threads: it throws
 * {@link IpcInterruptedException} with the interrupt status set, and changes nothing. A thread
 * interrupted before the call throws at once, even where the call would not have had to wait.
 */
class InterruptedWaitsTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /** A call that waits, on objects made by {@link #prepare}, and what must be unchanged after. */
    interface Wait {
        /** Makes the objects; returns the call, which must wait. */
        ThrowingRunnable prepare(IpcCleanup cleanup);

        /** Checks that the interrupted call changed nothing. */
        void checkUnchanged();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** One case: its name, the kernel function the call waits in, and the wait. */
    record Case(String name, String kernelFunction, Wait blocked) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(ThreadKind.values()).flatMap(kind -> allCases().stream().map(c -> Arguments.of(c, kind)));
    }

    private static List<Case> allCases() {
        return List.of(
                new Case("receive", "do_msgrcv", new QueueWait(false, queue -> queue.receive(0))),
                new Case("receive into a buffer", "do_msgrcv", new QueueWait(false, queue -> {
                    try (Arena arena = Arena.ofConfined()) {
                        queue.receive(0, MessageBuffer.allocate(arena, 16));
                    }
                })),
                new Case("timed receive", "do_msgrcv", new QueueWait(false,
                        queue -> queue.receive(0, Duration.ofMinutes(10)))),
                new Case("send to a full queue", "do_msgsnd", new QueueWait(true, queue -> queue.send(2, new byte[4]))),
                new Case("timed send to a full queue", "do_msgsnd", new QueueWait(true,
                        queue -> queue.trySend(2, new byte[4], Duration.ofMinutes(10)))),
                new Case("PHP receive", "do_msgrcv", new QueueWait(false,
                        queue -> PhpMessageQueue.of(queue).receive(0, 64))),
                new Case("PHP send to a full queue", "do_msgsnd", new QueueWait(true,
                        queue -> PhpMessageQueue.of(queue).send(2, "x", false, true))),
                new Case("acquire", "__do_semtimedop", new SemaphoreWait(0, set -> set.acquire(0))),
                new Case("acquire units", "__do_semtimedop", new SemaphoreWait(1, set -> set.acquire(0, 2))),
                new Case("timed acquire", "__do_semtimedop", new SemaphoreWait(0,
                        set -> set.tryAcquire(0, 1, Duration.ofMinutes(10)))),
                new Case("lock", "__do_semtimedop", new SemaphoreWait(0, set -> set.lock(0))),
                new Case("timed lock", "__do_semtimedop", new SemaphoreWait(0,
                        set -> set.tryLock(0, Duration.ofMinutes(10)))),
                new Case("wait for zero", "__do_semtimedop", new SemaphoreWait(1, set -> set.waitForZero(0))),
                new Case("apply", "__do_semtimedop", new SemaphoreWait(0,
                        set -> set.apply(SemaphoreOp.add(0, -1), SemaphoreOp.add(0, 1)))),
                new Case("PHP acquire", "__do_semtimedop", new PhpSemaphoreWait()));
    }

    @ParameterizedTest(name = "{0} on a {1} thread")
    @MethodSource("cases")
    void aWaitEndsOnInterruptAndChangesNothing(Case c, ThreadKind kind) throws Exception {
        ThrowingRunnable call = c.blocked().prepare(cleanup);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> statusAfter = new CompletableFuture<>();
        Thread thread = kind.start("waiting " + c, () -> {
            try {
                call.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
            statusAfter.complete(Thread.currentThread().isInterrupted());
        });
        KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), c.kernelFunction());
        thread.interrupt();
        Throwable thrown = outcome.get(60, TimeUnit.SECONDS);
        IpcInterruptedException e = assertInstanceOf(IpcInterruptedException.class, thrown);
        assertEquals(Errno.EINTR, e.errno());
        assertTrue(statusAfter.get(), "the interrupt status stays set");
        c.blocked().checkUnchanged();
    }

    @ParameterizedTest(name = "{0} on a {1} thread")
    @MethodSource("cases")
    void anInterruptedThreadDoesNotStartToWait(Case c, ThreadKind kind) throws Exception {
        ThrowingRunnable call = c.blocked().prepare(cleanup);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        kind.start("interrupted " + c, () -> {
            Thread.currentThread().interrupt();
            try {
                call.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertInstanceOf(IpcInterruptedException.class, outcome.get(60, TimeUnit.SECONDS));
        c.blocked().checkUnchanged();
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void anInterruptedThreadsSendThrowsEvenWithRoomInTheQueueAndSendsNothing(ThreadKind kind) throws Exception {
        // a platform thread's send is tried at once first: that try must not run on an interrupted thread
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        kind.start("interrupted sender", () -> {
            Thread.currentThread().interrupt();
            try {
                queue.send(1, new byte[] {1});
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertInstanceOf(IpcInterruptedException.class, outcome.get(60, TimeUnit.SECONDS));
        assertEquals(0, queue.stat().messageCount());
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void callsThatNeverWaitIgnoreTheInterruptStatus(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        queue.send(1, new byte[] {7});
        set.setValue(0, 1);
        CompletableFuture<Void> done = new CompletableFuture<>();
        kind.start("interrupted", () -> {
            Thread.currentThread().interrupt();
            try {
                assertEquals(7, queue.tryReceive(0).orElseThrow().data()[0]);
                assertTrue(queue.trySend(1, new byte[1]));
                try (SemaphoreLock lock = set.tryLock(0)) {
                    assertTrue(lock.isHeld());
                } // the unlock never waits, so an interrupted thread still gives the unit back
                assertTrue(set.tryAcquire(0, 1));
                set.release(0);
                assertTrue(Thread.currentThread().isInterrupted());
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(60, TimeUnit.SECONDS);
        assertEquals(1, set.getValue(0));
        assertEquals(1, queue.stat().messageCount());
    }

    /** A queue, empty for a receive, or full (4 bytes of 4) for a send. */
    private static final class QueueWait implements Wait {
        private final boolean full;
        private final QueueCall call;
        private MessageQueue queue;

        QueueWait(boolean full, QueueCall call) {
            this.full = full;
            this.call = call;
        }

        @Override
        public ThrowingRunnable prepare(IpcCleanup cleanup) {
            queue = cleanup.add(MessageQueue.createPrivate());
            if (full) {
                queue.setMaxBytes(4);
                queue.send(1, new byte[] {1, 2, 3, 4});
            }
            return () -> call.run(queue);
        }

        @Override
        public void checkUnchanged() {
            MessageQueueStat stat = queue.stat();
            assertEquals(full ? 1 : 0, stat.messageCount(), "nothing was sent or taken");
            if (full) {
                assertEquals(1, queue.tryReceive(0).orElseThrow().type());
            }
        }
    }

    interface QueueCall {
        void run(MessageQueue queue) throws Exception;
    }

    /** A set of one semaphore at {@code value}, on which the call must wait. */
    private static final class SemaphoreWait implements Wait {
        private final int value;
        private final SetCall call;
        private SemaphoreSet set;

        SemaphoreWait(int value, SetCall call) {
            this.value = value;
            this.call = call;
        }

        @Override
        public ThrowingRunnable prepare(IpcCleanup cleanup) {
            set = cleanup.add(SemaphoreSet.createPrivate(1));
            set.setValue(0, value);
            return () -> call.run(set);
        }

        @Override
        public void checkUnchanged() {
            assertEquals(value, set.getValue(0), "no semaphore changed");
            assertEquals(0, set.countWaitingForIncrease(0));
            assertEquals(0, set.countWaitingForZero(0));
        }
    }

    interface SetCall {
        void run(SemaphoreSet set) throws Exception;
    }

    /** A PHP semaphore another handle holds. */
    private static final class PhpSemaphoreWait implements Wait {
        private PhpSemaphore holder;
        private PhpSemaphore waiter;

        @Override
        public ThrowingRunnable prepare(IpcCleanup cleanup) {
            // a new set (CREATE_NEW) with a test key, which PHP's protocol then opens
            IpcKey key = cleanup.add(SemaphoreSet.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600, 3)).key();
            holder = PhpSemaphore.get(key);
            holder.acquire();
            waiter = PhpSemaphore.get(key);
            return waiter::acquire;
        }

        @Override
        public void checkUnchanged() {
            assertEquals(0, waiter.heldCount());
            assertEquals(0, holder.set().getValue(0), "the holder's unit is still taken, and no other");
            holder.release();
            assertTrue(waiter.tryAcquire(), "the waiter was left able to acquire");
            waiter.release();
            assertThrows(IllegalStateException.class, waiter::release, "it held one unit, given back");
            waiter.close();
            holder.close();
        }
    }
}
