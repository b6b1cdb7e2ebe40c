package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;

/**
 * The README's consumer loop, stopped by {@code shutdownNow()} at random moments while a producer
 * sends: every message sent was handled exactly once or is still in the queue.
 */
class ShutdownPatternTest {
    private static final int MESSAGES = 2_000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void consumersStoppedByShutdownNowLoseNoMessageOnVirtualThreads() throws Exception {
        rounds(Executors::newVirtualThreadPerTaskExecutor);
    }

    @Test
    void consumersStoppedByShutdownNowLoseNoMessageOnPlatformThreads() throws Exception {
        rounds(() -> Executors.newFixedThreadPool(3));
    }

    private void rounds(Supplier<ExecutorService> executors) throws Exception {
        for (int round = 0; round < 10; round++) {
            MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
            AtomicIntegerArray handled = new AtomicIntegerArray(MESSAGES);
            AtomicInteger handledCount = new AtomicInteger();
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    queue.send(1, new byte[] {(byte) i, (byte) (i >> 8)});
                }
            });
            ExecutorService consumers = executors.get();
            for (int c = 0; c < 3; c++) {
                consumers.submit(() -> consume(queue, handled, handledCount));
            }
            int stopAt = ThreadLocalRandom.current().nextInt(MESSAGES + 1);
            while (handledCount.get() < stopAt) {
                Thread.onSpinWait();
            }
            consumers.shutdownNow();
            assertTrue(consumers.awaitTermination(60, TimeUnit.SECONDS), "the consumers stopped");
            producer.join();
            while (true) {
                var left = queue.tryReceive(0);
                if (left.isEmpty()) {
                    break;
                }
                byte[] data = left.get().data();
                handled.incrementAndGet((data[0] & 0xff) | (data[1] & 0xff) << 8);
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals(1, handled.get(i), "message " + i + " handled once or left in the queue");
            }
        }
    }

    /** The README's loop. */
    private static void consume(MessageQueue queue, AtomicIntegerArray handled, AtomicInteger count) {
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 8192);
            while (true) {
                queue.receive(0, buffer);
                handled.incrementAndGet(buffer.payload().get(ValueLayout.JAVA_SHORT_UNALIGNED, 0) & 0xffff);
                count.incrementAndGet();
            }
        } catch (IpcInterruptedException stopped) {
            // interrupted while waiting, or before: nothing was taken
        }
    }
}
