package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sysvipc.IpcKey;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.TestKeys;

/**
 * Segments that are not a channel's, and a peer that scribbles on a working channel: every call
 * ends with a message, false, or {@link ChannelFormatException} naming where the fault is; none
 * reads outside the segment or loops without end.
 */
class ChannelHostileTest {
    @RegisterExtension
    final TestChannels channels = new TestChannels();


    /** A channel's segment with one header field changed, opened by id. */
    @ParameterizedTest
    @CsvSource({
        "0, 8, 0x4E41484356535954, magic",
        "8, 4, 2, layout version 2",
        "12, 4, 2048, header size",
        "16, 8, 3000, power of two",
        "16, 8, 8192, needs 9216 bytes",
        "16, 8, 512, power of two",
        "24, 4, 3000, holds messages of at most",
        "28, 4, 16, record header size",
        "32, 4, -1, semaphore set id",
    })
    void aHeaderThatIsNotAChannelsIsRefusedNamingTheField(long offset, int size, long value, String expected) {
        Channel channel = channels.create(4096, 100);
        try (channel; SharedMemory.Attachment scribbler = channel.memory().attach()) {
            if (size == 4) {
                scribbler.segment().set(ValueLayout.JAVA_INT, offset, (int) value);
            } else {
                scribbler.segment().set(ValueLayout.JAVA_LONG, offset, value);
            }
        }
        ChannelFormatException e = assertThrows(ChannelFormatException.class, () -> Channel.ofId(channel.memory().id()));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(channel.memory().toString(), e.subject());
    }

    @Test
    void aSegmentTooSmallForAHeaderAndOneNeverInitialisedAreRefused() {
        SharedMemory small = channels.add(SharedMemory.createPrivate(100));
        assertTrue(assertThrows(ChannelFormatException.class, () -> Channel.ofId(small.id())).getMessage()
                .contains("too small"));
        SharedMemory zeros = channels.add(SharedMemory.createPrivate(2048));
        ChannelFormatException e = assertThrows(ChannelFormatException.class, () -> Channel.ofId(zeros.id()));
        assertTrue(e.getMessage().contains("never finished"), e.getMessage());
    }

    @Test
    void aKeyedChannelWhoseSemaphoreSetWasReplacedIsRefused() {
        IpcKey key = TestKeys.random();
        try (Channel channel = Channel.create(key, 0600, 4096, 100)) {
            channels.add(channel.memory());
            channel.semaphores().remove();
            channels.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 1));
            assertThrows(org.sysvipc.IpcRemovedException.class, () -> Channel.open(key), "the header's set is gone");
        }
    }

    @Test
    void aTailScribbledPastTheRingStopsBothSides() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer();
                SharedMemory.Attachment scribbler = channel.memory().attach()) {
            MemorySegment header = scribbler.segment();
            header.set(ValueLayout.JAVA_LONG, Layout.TAIL_OFFSET, 1L << 40);
            ChannelFormatException e = assertThrows(ChannelFormatException.class, () -> consumer.tryReceive((t, m) -> { }));
            assertEquals(Layout.TAIL_OFFSET, e.offset());
            assertThrows(ChannelFormatException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    channel.producer().trySend(1, MemorySegment.ofArray(new byte[100]));
                }
            });
            header.set(ValueLayout.JAVA_LONG, Layout.TAIL_OFFSET, 4L); // not a multiple of 8
            assertThrows(ChannelFormatException.class, () -> consumer.tryReceive((t, m) -> { }));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, a record length of 0",
        "0, 100000, a record length of 100000",
        "0, -2147483648, a record length of -2147483648",
        "0, 10, a record length of 10",
        "16, -5, a message type of -5",
        "4, 0, a padding record",
    })
    void aRecordScribbledOnStopsTheConsumerWithAFormatError(int field, long value, String expected) {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer();
                SharedMemory.Attachment scribbler = channel.memory().attach()) {
            channel.producer().send(1, MemorySegment.ofArray(new byte[50]));
            MemorySegment ring = scribbler.segment();
            long record = Layout.HEADER_SIZE;
            if (field == 16) {
                ring.set(ValueLayout.JAVA_LONG, record + field, value);
            } else {
                ring.set(ValueLayout.JAVA_INT, record + field, (int) value);
            }
            ChannelFormatException e = assertThrows(ChannelFormatException.class, () -> consumer.tryReceive((t, m) -> { }));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertEquals(field == 16 ? record + 16 : record, e.offset());
        }
    }

    @Test
    void aRecordInProgressOfALiveWriterIsWaitedForAndOfAVanishedOneSkipped() throws Exception {
        WaitPolicy quick = WaitPolicy.sleepAtOnce(Duration.ofMillis(10));
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer(quick);
                SharedMemory.Attachment scribbler = channel.memory().attach()) {
            channel.producer().send(1, MemorySegment.ofArray(new byte[8]));
            MemorySegment ring = scribbler.segment();
            long record = Layout.HEADER_SIZE;
            ring.set(ValueLayout.JAVA_INT, record, -32);  // "in progress", by this very process
            assertFalse(consumer.receive((t, m) -> { }, Duration.ofMillis(100)));
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            ring.set(ValueLayout.JAVA_INT, record + Layout.RECORD_PID, (int) gone.pid());
            ring.set(ValueLayout.JAVA_INT, record + Layout.RECORD_START_TIME, 0);
            assertFalse(consumer.receive((t, m) -> { }, Duration.ofMillis(200)), "skipped, and nothing after it");
            assertEquals(1, channel.stats().abandonedRecords());
        }
    }

    @Test
    void aWriterInAnotherPidNamespaceIsNeverJudgedDead() {
        ProcessIdentity elsewhere = new ProcessIdentity(999_999, ProcessIdentity.CURRENT.pidNamespace() + 1, 0);
        assertEquals(ProcessIdentity.Liveness.UNKNOWN, elsewhere.liveness());
        ProcessIdentity unknown = new ProcessIdentity(999_999, 0, 0);
        assertEquals(ProcessIdentity.Liveness.UNKNOWN, unknown.liveness());
        assertEquals(ProcessIdentity.Liveness.ALIVE, ProcessIdentity.CURRENT.liveness());
        ProcessIdentity reused = new ProcessIdentity(ProcessIdentity.CURRENT.pid(), ProcessIdentity.CURRENT.pidNamespace(),
                ProcessIdentity.CURRENT.startTime() + 1);
        assertEquals(ProcessIdentity.Liveness.DEAD, reused.liveness(), "same pid, another start time: another process");
    }

    @Test
    void aScribbledCountOfSleepingProducersIsIgnored() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer();
                SharedMemory.Attachment scribbler = channel.memory().attach()) {
            MemorySegment header = scribbler.segment();
            for (int value : new int[] {-7, 40_000, SemaphoreSet.MAX_VALUE, SemaphoreSet.MAX_VALUE}) {
                channel.producer().send(1, MemorySegment.ofArray(new byte[1]));
                header.set(ValueLayout.JAVA_INT, Layout.PRODUCERS_SLEEPING_OFFSET, value);
                assertTrue(consumer.tryReceive((t, m) -> { }));
            }
            assertTrue(channel.semaphores().getValue(Layout.PRODUCERS_SEMAPHORE) <= SemaphoreSet.MAX_VALUE);
        }
    }

    /**
     * Random scribbles over the header's moving fields and the ring, between sends and receives:
     * each non-blocking call returns or throws {@link ChannelFormatException}; nothing else.
     */
    @Test
    void randomScribblesEndEveryCallWithAMessageNothingOrAFormatError() {
        Random random = new Random(2024);
        int formatErrors = 0;
        for (int round = 0; round < 300; round++) {
            try (Channel channel = channels.create(1024, 200); ChannelConsumer consumer = channel.openConsumer(
                    WaitPolicy.sleepAtOnce(Duration.ofMillis(1))); SharedMemory.Attachment scribbler = channel.memory().attach()) {
                MemorySegment segment = scribbler.segment();
                ChannelProducer producer = channel.producer(WaitPolicy.sleepAtOnce(Duration.ofMillis(1)));
                try {
                    for (int step = 0; step < 40; step++) {
                        producer.trySend(1 + random.nextInt(5), MemorySegment.ofArray(new byte[random.nextInt(201)]));
                        scribble(segment, random);
                        consumer.drain((type, message) -> {
                            assertTrue(type > 0);
                            assertTrue(message.byteSize() <= 200);
                        }, 1 + random.nextInt(10));
                    }
                } catch (ChannelFormatException expected) {
                    formatErrors++;
                }
            }
        }
        assertTrue(formatErrors > 0, "scribbles were noticed");
    }

    private static void scribble(MemorySegment segment, Random random) {
        long[] fields = {Layout.TAIL_OFFSET, Layout.HEAD_OFFSET, Layout.HEAD_CACHE_OFFSET};
        switch (random.nextInt(6)) {
            case 0 -> segment.set(ValueLayout.JAVA_LONG, fields[random.nextInt(fields.length)],
                    random.nextBoolean() ? random.nextLong() : random.nextInt(4096));
            case 1, 2 -> segment.set(ValueLayout.JAVA_INT, Layout.HEADER_SIZE + 4L * random.nextInt(256),
                    random.nextBoolean() ? random.nextInt() : random.nextInt(-300, 300));
            case 3 -> segment.set(ValueLayout.JAVA_LONG, Layout.HEADER_SIZE + 8L * random.nextInt(128), random.nextLong());
            default -> { } // leave it alone this time
        }
    }
}
