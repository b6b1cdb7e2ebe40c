package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcAlreadyExistsException;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.MessageBuffer;
import org.sysvipc.OpenMode;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.TestKeys;

/** One process: sending and receiving every way, sizes, order, the wrap of the ring, and the arguments refused. */
class ChannelTest {
    @RegisterExtension
    final TestChannels channels = new TestChannels();


    @Test
    void aMessageGoesThroughWithItsTypeAndBytes() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer();
                Arena arena = Arena.ofConfined()) {
            ChannelProducer producer = channel.producer();
            producer.send(7, MemorySegment.ofArray("hello world".getBytes()));
            MessageBuffer buffer = MessageBuffer.allocate(arena, 100);
            assertTrue(consumer.tryReceive(buffer));
            assertEquals(7, buffer.type());
            assertEquals("hello world", new String(buffer.toByteArray()));
            assertFalse(consumer.tryReceive(buffer), "received once");
            ChannelStats stats = channel.stats();
            assertEquals(1, stats.messagesSent());
            assertEquals(11, stats.bytesSent());
            assertEquals(1, stats.messagesReceived());
            assertEquals(11, stats.bytesReceived());
            assertEquals(0, stats.pendingBytes());
            assertEquals(ProcessHandle.current().pid(), stats.consumerPid());
            assertEquals(channel.memory().id(), stats.segmentId());
            assertEquals(channel.semaphores().id(), stats.semaphoreSetId());
            assertEquals(4096, stats.capacity());
            assertEquals(100, stats.maxMessageSize());
        }
    }

    @Test
    void emptyAndLargestMessagesGoThrough() {
        try (Channel channel = channels.create(1024, 1024 / 2 - 24); ChannelConsumer consumer = channel.openConsumer()) {
            ChannelProducer producer = channel.producer();
            byte[] largest = new byte[channel.maxMessageSize()];
            new Random(1).nextBytes(largest);
            producer.send(1, MemorySegment.ofArray(new byte[0]));
            producer.send(2, MemorySegment.ofArray(largest));
            List<byte[]> received = new ArrayList<>();
            List<Long> types = new ArrayList<>();
            assertEquals(2, consumer.drain((type, message) -> {
                types.add(type);
                received.add(message.toArray(ValueLayout.JAVA_BYTE));
            }, 10));
            assertEquals(List.of(1L, 2L), types);
            assertEquals(0, received.get(0).length);
            assertArrayEquals(largest, received.get(1));
        }
    }

    @Test
    void messagesOfEverySizeKeepTheirOrderOverManyWrapsOfTheRing() {
        Random random = new Random(42);
        try (Channel channel = channels.create(1024, 300); ChannelConsumer consumer = channel.openConsumer()) {
            ChannelProducer producer = channel.producer();
            long sent = 0;
            long received = 0;
            byte[] expected = new byte[300];
            for (int round = 0; round < 3000; round++) {
                int burst = random.nextInt(1, 6);
                for (int i = 0; i < burst; i++) {
                    if (!producer.trySend(sent + 1, message(sent, (int) (sent * 37 % 301)))) {
                        break;
                    }
                    sent++;
                }
                long[] next = {received};
                consumer.drain((type, message) -> {
                    assertEquals(next[0] + 1, type);
                    int length = (int) (next[0] * 37 % 301);
                    assertEquals(length, message.byteSize());
                    fill(expected, next[0], length);
                    assertEquals(-1, message.mismatch(MemorySegment.ofArray(expected).asSlice(0, length)));
                    next[0]++;
                }, random.nextInt(1, 8));
                received = next[0];
            }
            received += consumer.drain((type, message) -> { }, Integer.MAX_VALUE);
            assertEquals(sent, received);
            assertTrue(sent > 2000, "the ring wrapped many times: " + sent + " messages");
            assertEquals(sent, channel.stats().messagesReceived());
        }
    }

    private static MemorySegment message(long sequence, int length) {
        byte[] bytes = new byte[length];
        fill(bytes, sequence, length);
        return MemorySegment.ofArray(bytes);
    }

    private static void fill(byte[] bytes, long sequence, int length) {
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (sequence * 31 + i);
        }
    }

    @Test
    void trySendReturnsFalseWhenTheRingIsFullAndTheTimedSendTimesOut() {
        try (Channel channel = channels.create(1024, 100); ChannelConsumer consumer = channel.openConsumer()) {
            ChannelProducer producer = channel.producer(WaitPolicy.sleepAtOnce(Duration.ofMillis(10)));
            MemorySegment message = MemorySegment.ofArray(new byte[100]); // 128 bytes a record: 8 fit
            int sent = 0;
            while (producer.trySend(1, message)) {
                sent++;
            }
            assertEquals(8, sent);
            assertFalse(producer.send(1, message, Duration.ofMillis(30)));
            assertFalse(producer.send(1, message, Duration.ZERO));
            assertEquals(1024, channel.stats().pendingBytes());
            assertTrue(channel.stats().fullRingWaits() >= 3);
            assertEquals(1, consumer.drain((type, bytes) -> { }, 1));
            assertTrue(producer.send(1, message, Duration.ofMillis(30)), "room for one again");
        }
    }

    @Test
    void tryReceiveAndTheTimedReceiveReturnFalseOnAnEmptyRing() {
        try (Channel channel = channels.create(4096, 100);
                ChannelConsumer consumer = channel.openConsumer(WaitPolicy.sleepAtOnce(Duration.ofMillis(10)));
                Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 100);
            assertFalse(consumer.tryReceive(buffer));
            assertFalse(consumer.receive(buffer, Duration.ofMillis(30)));
            assertFalse(consumer.tryReceive((type, message) -> { throw new AssertionError(); }));
            assertFalse(consumer.receive((type, message) -> { throw new AssertionError(); }, Duration.ofMillis(30)));
            assertEquals(0, consumer.drain((type, message) -> { throw new AssertionError(); }, 5));
            assertTrue(channel.stats().consumerSleeps() >= 2, channel.stats().toString());
        }
    }

    @Test
    void theZeroCopyViewIsReadOnlyAndTheMessageIsConsumedEvenIfTheHandlerThrows() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer()) {
            channel.producer().send(3, MemorySegment.ofArray(new byte[] {1, 2, 3}));
            channel.producer().send(4, MemorySegment.ofArray(new byte[] {4}));
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> consumer.receive((type, message) -> {
                assertTrue(message.isReadOnly());
                assertThrows(IllegalArgumentException.class, () -> message.set(ValueLayout.JAVA_BYTE, 0, (byte) 9));
                throw new IllegalStateException("handler failed");
            }));
            assertEquals("handler failed", thrown.getMessage());
            long[] type = new long[1];
            assertTrue(consumer.tryReceive((t, message) -> type[0] = t));
            assertEquals(4, type[0], "the failed message was consumed");
        }
    }

    @Test
    void aHandlerCannotCallItsOwnConsumer() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer()) {
            channel.producer().send(1, MemorySegment.ofArray(new byte[1]));
            channel.producer().send(2, MemorySegment.ofArray(new byte[1]));
            assertThrows(IllegalStateException.class,
                    () -> consumer.receive((type, message) -> consumer.tryReceive((t, m) -> { })));
            assertTrue(consumer.tryReceive((type, message) -> assertEquals(2, type)));
        }
    }

    @Test
    void aBufferTooSmallIsRefusedAndTheMessageStays() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer();
                Arena arena = Arena.ofConfined()) {
            channel.producer().send(5, MemorySegment.ofArray(new byte[50]));
            MessageBuffer small = MessageBuffer.allocate(arena, 10);
            assertThrows(IllegalArgumentException.class, () -> consumer.tryReceive(small));
            MessageBuffer large = MessageBuffer.allocate(arena, 50);
            assertTrue(consumer.tryReceive(large));
            assertEquals(50, large.length());
            assertEquals(5, large.type());
        }
    }

    @Test
    void drainStopsAtItsLimit() {
        try (Channel channel = channels.create(4096, 16); ChannelConsumer consumer = channel.openConsumer()) {
            for (int i = 1; i <= 10; i++) {
                channel.producer().send(i, MemorySegment.ofArray(new byte[] {(byte) i}));
            }
            List<Long> types = new ArrayList<>();
            assertEquals(4, consumer.drain((type, message) -> types.add(type), 4));
            assertEquals(6, consumer.drain((type, message) -> types.add(type), 100));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), types);
            assertThrows(IllegalArgumentException.class, () -> consumer.drain((type, message) -> { }, 0));
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsMade() {
        assertThrows(IllegalArgumentException.class, () -> Channel.createPrivate(1000, 10), "not a power of two");
        assertThrows(IllegalArgumentException.class, () -> Channel.createPrivate(512, 10), "too small");
        assertThrows(IllegalArgumentException.class, () -> Channel.createPrivate(1024, 1024 / 2 - 23),
                "two largest records do not fit");
        assertThrows(IllegalArgumentException.class, () -> Channel.createPrivate(1024, -1));
        assertThrows(IllegalArgumentException.class, () -> Channel.open(IpcKey.PRIVATE));
        assertThrows(IllegalArgumentException.class, () -> new WaitPolicy(Duration.ofNanos(-1), Duration.ZERO,
                Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> WaitPolicy.sleepAtOnce(Duration.ofNanos(10)));
        try (Channel channel = channels.create(1024, 10); ChannelConsumer consumer = channel.openConsumer()) {
            ChannelProducer producer = channel.producer();
            assertThrows(IllegalArgumentException.class, () -> producer.send(0, MemorySegment.ofArray(new byte[1])));
            assertThrows(IllegalArgumentException.class, () -> producer.trySend(-5, MemorySegment.ofArray(new byte[1])));
            assertThrows(IllegalArgumentException.class, () -> producer.send(1, MemorySegment.ofArray(new byte[11])));
            assertEquals(0, channel.stats().messagesSent());
        }
    }

    @Test
    void aKeyedChannelIsOpenedByItsKeyAndBothObjectsHaveIt() {
        IpcKey key = TestKeys.random();
        try (Channel created = Channel.create(key, 0640, 4096, 64)) {
            channels.add(created);
            assertEquals(key, created.memory().key());
            assertEquals(key, created.semaphores().key());
            assertEquals(0640, created.memory().stat().permissions().accessBits());
            try (Channel opened = Channel.open(key); ChannelConsumer consumer = opened.openConsumer()) {
                assertEquals(4096, opened.capacity());
                assertEquals(64, opened.maxMessageSize());
                assertEquals(created.semaphores(), opened.semaphores());
                created.producer().send(9, MemorySegment.ofArray(new byte[] {42}));
                assertTrue(consumer.tryReceive((type, message) -> {
                    assertEquals(9, type);
                    assertEquals(42, message.get(ValueLayout.JAVA_BYTE, 0));
                }));
            }
            assertThrows(IpcAlreadyExistsException.class, () -> Channel.create(key, 0600, 4096, 64));
            try (Channel byId = Channel.ofId(created.memory().id())) {
                assertEquals(created.semaphores(), byId.semaphores());
            }
        }
    }

    @Test
    void aKeyTakenByASegmentAloneLeavesNoSemaphoreSetBehind() {
        IpcKey key = TestKeys.random();
        channels.add(SharedMemory.open(key, OpenMode.CREATE_NEW, 0600, 64));
        assertThrows(IpcAlreadyExistsException.class, () -> Channel.create(key, 0600, 4096, 64));
        assertThrows(IpcNotFoundException.class, () -> org.sysvipc.SemaphoreSet.open(key));
    }

    @Test
    void openingAMissingKeyFails() {
        assertThrows(IpcNotFoundException.class, () -> Channel.open(TestKeys.random()));
    }

    @Test
    void aClosedChannelRefusesItsProducersAndConsumer() {
        Channel channel = channels.create(4096, 64);
        ChannelProducer producer = channel.producer();
        ChannelConsumer consumer = channel.openConsumer();
        channel.close();
        channel.close();
        assertThrows(IllegalStateException.class, () -> producer.send(1, MemorySegment.ofArray(new byte[1])));
        assertThrows(IllegalStateException.class, () -> consumer.tryReceive((type, message) -> { }));
        assertThrows(IllegalStateException.class, channel::stats);
        assertThrows(IllegalStateException.class, channel::producer);
    }

    @Test
    void statsOfRecognisesOnlyChannels() {
        try (Channel channel = channels.create(4096, 64)) {
            channel.producer().send(1, MemorySegment.ofArray(new byte[10]));
            ChannelStats stats = Channel.statsOf(channel.memory()).orElseThrow();
            assertEquals(1, stats.messagesSent());
            assertEquals(40, stats.pendingBytes());
            assertEquals(0, stats.consumerPid());
        }
        SharedMemory plain = channels.add(SharedMemory.createPrivate(2048));
        assertTrue(Channel.statsOf(plain).isEmpty());
    }
}
