package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.IpcInterruptedException;
import org.sysvipc.MessageBuffer;
import org.sysvipc.testing.Interrupter;
import org.sysvipc.testing.ThreadKind;

/**
 * A channel's consumer and producers interrupted at random, hundreds of times, while they wait
 * (spinning, yielding or asleep) and while they work: every call either completes or throws
 * {@link IpcInterruptedException} having done nothing. Counts show it: each message arrives
 * exactly once and in its producer's order, and afterwards no sleeping flag, count or semaphore
 * unit is left over.
 */
class ChannelInterruptsUnderLoadTest {
    private static final long DATA = 1, STOP = 2;
    private static final int MIN_INTERRUPTED = 200;
    /** Spins a little, yields a little, then sleeps: interrupts land in every phase. */
    private static final WaitPolicy BRIEF = new WaitPolicy(Duration.ofNanos(20_000), Duration.ofNanos(20_000),
            Duration.ofHours(1));

    @RegisterExtension
    final TestChannels channels = new TestChannels();

    private final AtomicInteger interruptedCalls = new AtomicInteger();
    private final AtomicInteger statusNotSet = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void anInterruptedConsumerLosesNoMessageAndTakesNoneTwice(ThreadKind kind) throws Exception {
        int producers = 2;
        int perProducer = 3_000;
        try (Channel channel = channels.create(4096, 16); ChannelConsumer consumer = channel.openConsumer(BRIEF)) {
            AtomicIntegerArray taken = new AtomicIntegerArray(producers * perProducer);
            AtomicInteger received = new AtomicInteger();
            Thread consuming = kind.start("consumer", () -> consume(consumer, taken, received, perProducer));
            List<Thread> sending = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                sending.add(Thread.ofPlatform().daemon().start(() -> {
                    ChannelProducer sender = channel.producer(BRIEF);
                    for (int i = 0; i < perProducer; i++) {
                        sender.send(DATA, intMessage(producer * perProducer + i));
                        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 50_000)); // the consumer waits often
                    }
                }));
            }
            try (Interrupter interrupter = Interrupter.of(List.of(consuming))) {
                interrupter.until(() -> received.get() == producers * perProducer
                        && interruptedCalls.get() >= MIN_INTERRUPTED, "all received, and " + MIN_INTERRUPTED
                        + " calls interrupted");
            }
            joinAll(sending);
            channel.producer().send(STOP, MemorySegment.ofArray(new byte[0]));
            joinAll(List.of(consuming));
            for (int i = 0; i < producers * perProducer; i++) {
                assertEquals(1, taken.get(i), "message " + i + " taken once");
            }
            assertFalse(consumer.tryReceive((type, message) -> { }), "nothing left");
            checkSettled(channel);
        }
        checkThreadsSaw();
    }

    /** Receives every way, in turn, until STOP; counts each message, and checks each producer's order. */
    private void consume(ChannelConsumer consumer, AtomicIntegerArray taken, AtomicInteger received, int perProducer) {
        int[] last = {-1, -1};
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 16);
            MessageHandler copy = (type, message) -> buffer.set(type, message);
            for (int round = 0; ; round++) {
                try {
                    switch (round % 4) {
                        case 0 -> consumer.receive(buffer);
                        case 1 -> consumer.receive(copy);
                        case 2 -> require(consumer.receive(buffer, Duration.ofMinutes(5)));
                        default -> require(consumer.receive(copy, Duration.ofMinutes(5)));
                    }
                } catch (IpcInterruptedException e) {
                    sawInterrupt();
                    continue;
                }
                if (buffer.type() == STOP) {
                    return;
                }
                int value = buffer.payload().get(ValueLayout.JAVA_INT_UNALIGNED, 0);
                int producer = value / perProducer;
                if (value <= last[producer]) {
                    failures.incrementAndGet(); // out of its producer's order
                }
                last[producer] = value;
                taken.incrementAndGet(value);
                received.incrementAndGet();
            }
        } catch (RuntimeException | AssertionError e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptedProducersSendEachMessageOnce(ThreadKind kind) throws Exception {
        int producers = 4;
        int perProducer = 1_000;
        try (Channel channel = channels.create(1024, 16); ChannelConsumer consumer = channel.openConsumer(BRIEF);
                Arena arena = Arena.ofConfined()) {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.add(kind.start("producer " + p, () -> produce(channel.producer(BRIEF), producer, perProducer)));
            }
            AtomicIntegerArray taken = new AtomicIntegerArray(producers * perProducer);
            MessageBuffer buffer = MessageBuffer.allocate(arena, 16);
            try (Interrupter interrupter = Interrupter.of(threads)) {
                // drain only once the waiting senders have been interrupted often
                interrupter.until(() -> interruptedCalls.get() >= MIN_INTERRUPTED, MIN_INTERRUPTED + " sends interrupted");
                for (int i = 0; i < producers * perProducer; i++) {
                    consumer.receive(buffer);
                    taken.incrementAndGet(buffer.payload().get(ValueLayout.JAVA_INT_UNALIGNED, 0));
                    if (i % 64 == 0) {
                        LockSupport.parkNanos(20_000); // let the ring fill again, so that producers wait
                    }
                }
            }
            joinAll(threads);
            for (int i = 0; i < producers * perProducer; i++) {
                assertEquals(1, taken.get(i), "message " + i + " sent once");
            }
            assertFalse(consumer.tryReceive(buffer), "nothing left");
            assertEquals(producers * perProducer, channel.stats().messagesSent());
            checkSettled(channel);
        }
        checkThreadsSaw();
    }

    private void produce(ChannelProducer producer, int index, int count) {
        try {
            for (int i = 0; i < count; i++) {
                MemorySegment message = intMessage(index * count + i);
                while (true) {
                    try {
                        if (i % 2 == 0) {
                            producer.send(DATA, message);
                        } else {
                            require(producer.send(DATA, message, Duration.ofMinutes(5)));
                        }
                        break;
                    } catch (IpcInterruptedException e) {
                        sawInterrupt(); // not sent: send it again
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    /** No side left registered as sleeping, and no semaphore unit left over, once every call has ended. */
    private static void checkSettled(Channel channel) {
        try (var attachment = channel.memory().attachReadOnly()) {
            MemorySegment header = attachment.segment();
            assertEquals(0, header.get(ValueLayout.JAVA_INT, Layout.CONSUMER_SLEEPING_OFFSET), "consumer_sleeping");
            assertEquals(0, header.get(ValueLayout.JAVA_INT, Layout.PRODUCERS_SLEEPING_OFFSET), "producers_sleeping");
        }
        assertEquals(0, channel.semaphores().getValue(Layout.CONSUMER_SEMAPHORE), "units left for the consumer");
        assertEquals(0, channel.semaphores().getValue(Layout.PRODUCERS_SEMAPHORE), "units left for producers");
    }

    private static void require(boolean done) {
        if (!done) {
            throw new AssertionError("a wait of 5 minutes timed out");
        }
    }

    private void sawInterrupt() {
        interruptedCalls.incrementAndGet();
        if (!Thread.interrupted()) { // clears it, as a loop that goes on must
            statusNotSet.incrementAndGet();
        }
    }

    private void checkThreadsSaw() {
        assertEquals(0, failures.get(), "calls that failed otherwise, or messages out of order");
        assertEquals(0, statusNotSet.get(), "IpcInterruptedException with the interrupt status cleared");
        assertTrue(interruptedCalls.get() >= MIN_INTERRUPTED, interruptedCalls + " calls interrupted");
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            assertTrue(thread.join(Duration.ofSeconds(120)), thread + " ended");
        }
    }

    private static MemorySegment intMessage(int value) {
        MemorySegment message = MemorySegment.ofArray(new byte[Integer.BYTES]);
        message.set(ValueLayout.JAVA_INT_UNALIGNED, 0, value);
        return message;
    }
}
