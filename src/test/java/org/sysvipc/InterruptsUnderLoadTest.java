package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.testing.Interrupter;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.ThreadKind;

/**
 * Threads interrupted at random, hundreds of times, while they send, receive, acquire and lock:
 * every call either completes, or throws {@link IpcInterruptedException} having done nothing.
 * Counts show it: each message arrives exactly once, and the semaphore ends where it started.
 */
class InterruptsUnderLoadTest {
    private static final long DATA = 1, STOP = 2;
    private static final int MIN_INTERRUPTED = 200;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /** What the threads saw: calls that threw, and throws without the interrupt status set. */
    private final AtomicInteger interruptedCalls = new AtomicInteger();
    private final AtomicInteger statusNotSet = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptedReceiversLoseNoMessageAndTakeNoneTwice(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        int messages = 5_000;
        AtomicIntegerArray taken = new AtomicIntegerArray(messages);
        AtomicInteger received = new AtomicInteger();
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            consumers.add(kind.start("consumer " + c, () -> consume(queue, taken, received)));
        }
        try (Interrupter interrupter = Interrupter.of(consumers)) {
            for (int i = 0; i < messages; i++) {
                queue.send(DATA, intBytes(i));
            }
            interrupter.until(() -> received.get() == messages && interruptedCalls.get() >= MIN_INTERRUPTED,
                    "all received, and " + MIN_INTERRUPTED + " calls interrupted");
        }
        for (int c = 0; c < consumers.size(); c++) {
            queue.send(STOP, new byte[0]);
        }
        joinAll(consumers);
        for (int i = 0; i < messages; i++) {
            assertEquals(1, taken.get(i), "message " + i + " taken once");
        }
        assertEquals(0, queue.stat().messageCount());
        checkThreadsSaw();
    }

    private void consume(MessageQueue queue, AtomicIntegerArray taken, AtomicInteger received) {
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, Integer.BYTES);
            while (true) {
                try {
                    if (received.get() % 2 == 0) {
                        queue.receive(0, buffer);
                    } else if (!queue.tryReceive(0, buffer, Duration.ofMinutes(5))) {
                        failures.incrementAndGet();
                        return;
                    }
                } catch (IpcInterruptedException e) {
                    sawInterrupt();
                    continue;
                }
                if (buffer.type() == STOP) {
                    return;
                }
                taken.incrementAndGet(buffer.payload().get(ValueLayout.JAVA_INT_UNALIGNED, 0));
                received.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptedSendersSendEachMessageOnce(ThreadKind kind) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.setMaxBytes(4 * Integer.BYTES); // full after four: senders wait most of the time
        int perProducer = 1_000;
        int producers = 4;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(kind.start("producer " + p, () -> produce(queue, producer, perProducer)));
        }
        AtomicIntegerArray taken = new AtomicIntegerArray(producers * perProducer);
        try (Interrupter interrupter = Interrupter.of(threads)) {
            // drain only once the waiting senders have been interrupted often
            interrupter.until(() -> interruptedCalls.get() >= MIN_INTERRUPTED, MIN_INTERRUPTED + " sends interrupted");
            for (int i = 0; i < producers * perProducer; i++) {
                Message message = queue.receive(0);
                taken.incrementAndGet(intOf(message.data()));
            }
        }
        joinAll(threads);
        for (int i = 0; i < producers * perProducer; i++) {
            assertEquals(1, taken.get(i), "message " + i + " sent once");
        }
        assertEquals(0, queue.stat().messageCount());
        checkThreadsSaw();
    }

    private void produce(MessageQueue queue, int producer, int count) {
        for (int i = 0; i < count; i++) {
            byte[] data = intBytes(producer * count + i);
            while (true) {
                try {
                    if (i % 2 == 0) {
                        queue.send(DATA, data);
                    } else if (!queue.trySend(DATA, data, Duration.ofMinutes(5))) {
                        failures.incrementAndGet();
                        return;
                    }
                    break;
                } catch (IpcInterruptedException e) {
                    sawInterrupt(); // not sent: send it again
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptedAcquirersNeverHoldAUnitTheyDoNotKnowOf(ThreadKind kind) throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        int units = 2;
        set.setValue(0, units);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overHeld = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            threads.add(kind.start("acquirer " + t, () -> {
                for (int round = 0; !stop.get(); round++) {
                    try {
                        holdOnce(set, round % 4, holders, overHeld, units);
                    } catch (IpcInterruptedException e) {
                        sawInterrupt(); // nothing taken
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        throw e;
                    }
                }
            }));
        }
        try (Interrupter interrupter = Interrupter.of(threads)) {
            interrupter.until(() -> interruptedCalls.get() >= MIN_INTERRUPTED, MIN_INTERRUPTED + " calls interrupted");
            stop.set(true);
            joinAll(threads);
        }
        assertEquals(units, set.getValue(0), "every unit taken was given back, and no other");
        assertEquals(0, overHeld.get(), "never more holders than units");
        checkThreadsSaw();
    }

    /** Takes a unit one of four ways, holds it for a moment, gives it back. */
    private static void holdOnce(SemaphoreSet set, int way, AtomicInteger holders, AtomicInteger overHeld, int units) {
        switch (way) {
            case 0 -> set.acquire(0);
            case 1 -> set.acquire(0, 1);
            case 2 -> {
                if (!set.tryAcquire(0, 1, Duration.ofMinutes(5))) {
                    throw new AssertionError("timed out");
                }
            }
            default -> {
                try (SemaphoreLock lock = set.lock(0)) {
                    hold(holders, overHeld, units);
                }
                return;
            }
        }
        try {
            hold(holders, overHeld, units);
        } finally {
            set.release(0);
        }
    }

    private static void hold(AtomicInteger holders, AtomicInteger overHeld, int units) {
        if (holders.incrementAndGet() > units) {
            overHeld.incrementAndGet();
        }
        Thread.onSpinWait();
        holders.decrementAndGet();
    }

    private void sawInterrupt() {
        interruptedCalls.incrementAndGet();
        if (!Thread.interrupted()) { // clears it, as a loop that goes on must
            statusNotSet.incrementAndGet();
        }
    }

    private void checkThreadsSaw() {
        assertEquals(0, failures.get(), "calls that failed otherwise");
        assertEquals(0, statusNotSet.get(), "IpcInterruptedException with the interrupt status cleared");
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            assertTrue(thread.join(Duration.ofSeconds(120)), thread + " ended");
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static int intOf(byte[] bytes) {
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }
}
