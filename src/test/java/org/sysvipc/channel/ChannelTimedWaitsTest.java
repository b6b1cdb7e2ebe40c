package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.MessageBuffer;

/**
 * The timed receive and send sleep in the kernel, in one {@code semtimedop} until their deadline
 * when it comes before the check interval, and allocate nothing of their own once warm, however
 * often they sleep: no {@code Duration} per sleep, no {@code IPC_STAT} per sleep that runs out.
 */
class ChannelTimedWaitsTest {
    /** Sleeps at once; the check interval is far beyond every deadline here. */
    private static final WaitPolicy ASLEEP = WaitPolicy.sleepAtOnce(Duration.ofHours(1));
    /** Calls per measured round, and the most rounds: the test ends at the first round within the allowance. */
    private static final int PER_ROUND = 500, MAX_ROUNDS = 200;
    /**
     * What a round may allocate: the JDK's own 40 bytes a call (its downcall slices the errno
     * capture segment, which the JIT removes or not depending on what it inlined, outside the
     * channel's control) and the measurement's. A {@code Duration} and an {@code IPC_STAT} per
     * sleep, as the channel made before, are 24 and several hundred bytes more a call.
     */
    private static final long ALLOWANCE = PER_ROUND * 40L + 1_000;

    @RegisterExtension
    final TestChannels channels = new TestChannels();

    @Test
    void aTimedReceiveOnAnEmptyRingSleepsOnceUntilItsDeadline() {
        try (Channel channel = channels.create(1024, 64); ChannelConsumer consumer = channel.openConsumer(ASLEEP);
                Arena arena = Arena.ofConfined()) {
            assertFalse(consumer.receive(MessageBuffer.allocate(arena, 64), Duration.ofMillis(300)));
            assertEquals(1, channel.stats().consumerSleeps(), "one sleep, no polling");
        }
    }

    @Test
    void aTimedSendOnAFullRingSleepsOnceUntilItsDeadlineAndWritesNothing() {
        try (Channel channel = channels.create(1024, 64)) {
            ChannelProducer producer = channel.producer(ASLEEP);
            int sent = fill(producer);
            assertFalse(producer.send(2, MemorySegment.ofArray(new byte[64]), Duration.ofMillis(300)));
            assertEquals(1, channel.stats().producerSleeps(), "one sleep, no polling");
            assertEquals(sent, channel.stats().messagesSent());
        }
    }

    @Test
    void timedReceivesThatSleepAllocateNothingOfTheirOwnOnceWarm() {
        try (Channel channel = channels.create(1024, 64); ChannelConsumer consumer = channel.openConsumer(ASLEEP);
                Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 64);
            Duration timeout = Duration.ofMillis(1);
            long least = Long.MAX_VALUE;
            for (int round = 0; round < MAX_ROUNDS && least > ALLOWANCE; round++) {
                long before = allocatedBytes();
                for (int i = 0; i < PER_ROUND; i++) {
                    requireTimedOut(consumer.receive(buffer, timeout));
                }
                least = Math.min(least, allocatedBytes() - before);
            }
            assertTrue(least <= ALLOWANCE, least + " bytes allocated by " + PER_ROUND + " timed receives that slept");
            assertTrue(channel.stats().consumerSleeps() > 0, "they slept"); // not each: a busy machine may preempt one past its deadline
        }
    }

    @Test
    void timedSendsThatSleepOnAFullRingAllocateNothingOfTheirOwnOnceWarm() {
        try (Channel channel = channels.create(1024, 64)) {
            ChannelProducer producer = channel.producer(ASLEEP);
            int sent = fill(producer);
            MemorySegment message = MemorySegment.ofArray(new byte[64]);
            Duration timeout = Duration.ofMillis(1);
            long least = Long.MAX_VALUE;
            for (int round = 0; round < MAX_ROUNDS && least > ALLOWANCE; round++) {
                long before = allocatedBytes();
                for (int i = 0; i < PER_ROUND; i++) {
                    requireTimedOut(producer.send(2, message, timeout));
                }
                least = Math.min(least, allocatedBytes() - before);
            }
            assertTrue(least <= ALLOWANCE, least + " bytes allocated by " + PER_ROUND + " timed sends that slept");
            assertTrue(channel.stats().producerSleeps() > 0, "they slept"); // not each: a busy machine may preempt one past its deadline
            assertEquals(sent, channel.stats().messagesSent());
        }
    }

    private static void requireTimedOut(boolean done) {
        if (done) {
            throw new AssertionError("the wait did not time out");
        }
    }

    private static int fill(ChannelProducer producer) {
        int sent = 0;
        while (producer.trySend(1, MemorySegment.ofArray(new byte[64]))) {
            sent++;
        }
        return sent;
    }

    /** This thread's allocated bytes, from {@code com.sun.management.ThreadMXBean} (reached reflectively: the tests' module does not read jdk.management). */
    private static long allocatedBytes() {
        try {
            return (long) AllocatedBytes.HANDLE.invokeExact(AllocatedBytes.THREADS);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static final class AllocatedBytes {
        static final Object THREADS;
        static final MethodHandle HANDLE;

        static {
            try {
                THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                        .invoke(null);
                Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
                bean.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(THREADS, true);
                HANDLE = MethodHandles.publicLookup()
                        .findVirtual(bean, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                        .asType(MethodType.methodType(long.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
