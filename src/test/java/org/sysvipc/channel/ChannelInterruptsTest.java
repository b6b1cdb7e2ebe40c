package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysvipc.IpcInterruptedException;
import org.sysvipc.MessageBuffer;
import org.sysvipc.testing.ThreadKind;

/**
 * An interrupt ends each wait of a channel, on platform and virtual threads, in the sleep and in
 * the spin: the call throws {@link IpcInterruptedException} with the interrupt status set, a
 * receive took nothing (the message that comes next is received next), a send wrote nothing, and
 * the wake-up state is settled (no flag or count left up, no semaphore unit left over).
 */
class ChannelInterruptsTest {
    /** Sleeps at once, and for an hour at most between checks: only a wake-up or an interrupt ends the sleep. */
    private static final WaitPolicy ASLEEP = WaitPolicy.sleepAtOnce(Duration.ofHours(1));
    /** Spins for a day and never sleeps: only the spin's own check can see an interrupt. */
    private static final WaitPolicy SPIN_ONLY = new WaitPolicy(Duration.ofDays(1), Duration.ZERO, Duration.ofHours(1));
    private static final int MAX_MESSAGE = 64;

    @RegisterExtension
    final TestChannels channels = new TestChannels();

    /** The four receives that wait. */
    enum Receive {
        COPY, HANDLER, TIMED_COPY, TIMED_HANDLER;

        void call(ChannelConsumer consumer, MessageBuffer buffer) {
            MessageHandler copy = (type, message) -> buffer.set(type, message);
            switch (this) {
                case COPY -> consumer.receive(buffer);
                case HANDLER -> consumer.receive(copy);
                case TIMED_COPY -> consumer.receive(buffer, Duration.ofMinutes(10));
                case TIMED_HANDLER -> consumer.receive(copy, Duration.ofMinutes(10));
            }
        }
    }

    /** The two sends that wait. */
    enum Send {
        BLOCKING, TIMED;

        void call(ChannelProducer producer, long type) {
            MemorySegment message = MemorySegment.ofArray(new byte[MAX_MESSAGE]);
            if (this == BLOCKING) {
                producer.send(type, message);
            } else {
                producer.send(type, message, Duration.ofMinutes(10));
            }
        }
    }

    /** What a call on another thread ended with, and whether its thread's interrupt status was set then. */
    private record Outcome(Throwable thrown, boolean interruptStatus) {
    }

    static Stream<Arguments> receives() {
        return Stream.of(Receive.values()).flatMap(r -> Stream.of(ThreadKind.values()).map(k -> Arguments.of(r, k)));
    }

    static Stream<Arguments> sends() {
        return Stream.of(Send.values()).flatMap(s -> Stream.of(ThreadKind.values()).map(k -> Arguments.of(s, k)));
    }

    @ParameterizedTest
    @MethodSource("receives")
    void anInterruptEndsASleepingReceiveWhichTakesNothing(Receive receive, ThreadKind kind) throws Exception {
        try (Channel channel = channels.create(1024, MAX_MESSAGE); ChannelConsumer consumer = channel.openConsumer(ASLEEP);
                Arena arena = Arena.ofShared()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, MAX_MESSAGE);
            Outcome outcome = interruptWhen(kind, () -> receive.call(consumer, buffer),
                    () -> ChannelFaultTest.awaitSleepers(channel.semaphores(), Layout.CONSUMER_SEMAPHORE));
            requireInterrupted(outcome, "nothing was received");
            assertEquals(0, header(channel, Layout.CONSUMER_SLEEPING_OFFSET), "the sleeping flag is cleared");

            assertTrue(channel.producer().trySend(5, MemorySegment.ofArray("after".getBytes())));
            assertEquals(0, channel.semaphores().getValue(Layout.CONSUMER_SEMAPHORE),
                    "no unit was posted for a sleeper that is gone");
            assertTrue(consumer.tryReceive(buffer));
            assertEquals(5, buffer.type());
            assertEquals("after", new String(buffer.toByteArray()));
            assertEquals(1, channel.stats().messagesReceived());
        }
    }

    @ParameterizedTest
    @MethodSource("sends")
    void anInterruptEndsASendSleepingOnAFullRingWhichWritesNothing(Send send, ThreadKind kind) throws Exception {
        try (Channel channel = channels.create(1024, MAX_MESSAGE); ChannelConsumer consumer = channel.openConsumer(ASLEEP);
                Arena arena = Arena.ofConfined()) {
            ChannelProducer producer = channel.producer(ASLEEP);
            int sent = fill(producer);
            Outcome outcome = interruptWhen(kind, () -> send.call(producer, 9),
                    () -> ChannelFaultTest.awaitSleepers(channel.semaphores(), Layout.PRODUCERS_SEMAPHORE));
            requireInterrupted(outcome, "nothing was sent");
            assertEquals(0, header(channel, Layout.PRODUCERS_SLEEPING_OFFSET), "the sleeping producer took itself off the count");

            MessageBuffer buffer = MessageBuffer.allocate(arena, MAX_MESSAGE);
            int received = 0;
            while (consumer.tryReceive(buffer)) {
                assertEquals(1, buffer.type(), "only the messages that filled the ring");
                received++;
            }
            assertEquals(sent, received);
            assertEquals(sent, channel.stats().messagesSent());
            assertEquals(0, channel.semaphores().getValue(Layout.PRODUCERS_SEMAPHORE),
                    "no unit was posted for a sleeper that is gone");
            assertTrue(producer.trySend(9, MemorySegment.ofArray(new byte[1])), "the ring has room again");
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void anInterruptEndsAReceiveThatSpins(ThreadKind kind) throws Exception {
        try (Channel channel = channels.create(1024, MAX_MESSAGE);
                ChannelConsumer consumer = channel.openConsumer(SPIN_ONLY)) {
            Outcome outcome = interruptWhen(kind, () -> consumer.receive((type, message) -> { }),
                    () -> Thread.sleep(50)); // most likely spinning by then; early, it throws all the same
            requireInterrupted(outcome, "nothing was received");
            assertEquals(0, channel.stats().consumerSleeps(), "it never slept");
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void anInterruptEndsASendThatSpinsOnAFullRing(ThreadKind kind) throws Exception {
        try (Channel channel = channels.create(1024, MAX_MESSAGE)) {
            ChannelProducer producer = channel.producer(SPIN_ONLY);
            int sent = fill(producer);
            Outcome outcome = interruptWhen(kind, () -> Send.BLOCKING.call(producer, 9),
                    () -> awaitFullRingWait(channel)); // counted as the wait begins: it spins now
            requireInterrupted(outcome, "nothing was sent");
            assertEquals(0, channel.stats().producerSleeps(), "it never slept");
            assertEquals(sent, channel.stats().messagesSent());
        }
    }

    @Test
    void anInterruptedThreadStartsNoCallThatMayWaitWhileTheTryFormsIgnoreIt() {
        try (Channel channel = channels.create(1024, MAX_MESSAGE); ChannelConsumer consumer = channel.openConsumer();
                Arena arena = Arena.ofConfined()) {
            ChannelProducer producer = channel.producer();
            MessageBuffer buffer = MessageBuffer.allocate(arena, MAX_MESSAGE);
            assertTrue(producer.trySend(3, MemorySegment.ofArray(new byte[] {42})));
            Thread.currentThread().interrupt();
            try {
                for (Receive receive : Receive.values()) {
                    assertThrows(IpcInterruptedException.class, () -> receive.call(consumer, buffer),
                            receive + " with a message there");
                    assertTrue(Thread.currentThread().isInterrupted(), "the status stays set");
                }
                for (Send send : Send.values()) {
                    assertThrows(IpcInterruptedException.class, () -> send.call(producer, 4), send + " with room");
                }
                assertEquals(1, channel.stats().messagesSent(), "the refused sends wrote nothing");
                assertTrue(consumer.tryReceive(buffer), "the message stayed");
                assertEquals(3, buffer.type());
                assertTrue(producer.trySend(4, MemorySegment.ofArray(new byte[1])));
                assertEquals(1, consumer.drain((type, message) -> assertEquals(4, type), 10));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    /** Fills the ring with messages of type 1; returns how many. */
    private static int fill(ChannelProducer producer) {
        int sent = 0;
        while (producer.trySend(1, MemorySegment.ofArray(new byte[MAX_MESSAGE]))) {
            sent++;
        }
        return sent;
    }

    private static void awaitFullRingWait(Channel channel) throws InterruptedException {
        while (channel.stats().fullRingWaits() == 0) {
            Thread.sleep(1);
        }
    }

    /** Blocks {@code call} on a thread of {@code kind}, interrupts it once {@code waiting} returns, and waits for it to end. */
    private static Outcome interruptWhen(ThreadKind kind, Runnable call, ThrowingRunnable waiting) throws Exception {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        Thread thread = kind.start("interrupted channel call", () -> {
            try {
                call.run();
                outcome.set(new Outcome(null, Thread.currentThread().isInterrupted()));
            } catch (Throwable e) {
                outcome.set(new Outcome(e, Thread.currentThread().isInterrupted()));
            }
        });
        try {
            waiting.run();
        } finally {
            thread.interrupt();
        }
        assertTrue(thread.join(Duration.ofSeconds(60)), "the interrupted call ended");
        return outcome.get();
    }

    private static void requireInterrupted(Outcome outcome, String detail) {
        IpcInterruptedException e = assertInstanceOf(IpcInterruptedException.class, outcome.thrown());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().contains("shared memory segment"), e.getMessage());
        assertTrue(outcome.interruptStatus(), "the interrupt status is left set");
    }

    private static int header(Channel channel, long offset) {
        try (var attachment = channel.memory().attachReadOnly()) {
            return attachment.segment().get(ValueLayout.JAVA_INT, offset);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
