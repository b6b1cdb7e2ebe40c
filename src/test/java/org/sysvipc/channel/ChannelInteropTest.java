package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcKey;
import org.sysvipc.testing.TestKeys;

/**
 * The C implementation ({@code c/channel}, built with gcc) and the Java one on one channel, in both
 * directions, with every message's bytes and each producer's checksum compared.
 */
class ChannelInteropTest {
    private static final int MAX = 1000;
    private static final int COUNT = 3000;

    @RegisterExtension
    final TestChannels channels = new TestChannels();


    private static String sent(long count, long checksum) {
        return String.format("sent %d %016x%n", count, checksum);
    }

    @Test
    void producersInCAndJavaSendToAJavaConsumer() {
        try (Channel channel = channels.create(1 << 14, MAX); ChannelConsumer consumer = channel.openConsumer()) {
            int id = channel.memory().id();
            List<PeerProcess> peers = List.of(PeerProcess.c(false, "send", id, 1, COUNT, MAX),
                    PeerProcess.c(false, "send", id, 2, COUNT, MAX), PeerProcess.java(false, "send", id, 3, COUNT, MAX));
            CompletableFuture<Long> local = Async.supply(
                    () -> ChannelPeer.send(channel.producer(), 4, 1, COUNT, MAX));
            TestMessages.Tally tally = new TestMessages.Tally(MAX, false);
            for (int i = 0; i < 4 * COUNT; i++) {
                assertTrue(consumer.receive(tally, Duration.ofSeconds(60)), "message " + i + " did not come");
            }
            for (int p = 1; p <= 3; p++) {
                long[] state = tally.producers.get(p);
                assertEquals(sent(COUNT, state[1]), PeerProcess.run(peers.get(p - 1)), "producer " + p);
            }
            assertEquals(tally.producers.get(4)[1], local.join());
            assertEquals(TestMessages.checksum(1, COUNT, MAX), tally.producers.get(1)[1], "C and Java make the same bytes");
            ChannelStats stats = channel.stats();
            assertEquals(4 * COUNT, stats.messagesSent());
            assertEquals(4 * COUNT, stats.messagesReceived());
            assertEquals(stats.bytesSent(), stats.bytesReceived());
            assertEquals(0, stats.abandonedRecords());
        }
    }

    @Test
    void producersInJavaSendToACConsumer() {
        try (Channel channel = channels.create(1 << 14, MAX)) {
            int id = channel.memory().id();
            PeerProcess consumer = PeerProcess.c(false, "receive", id, 3 * COUNT);
            PeerProcess child = PeerProcess.java(false, "send", id, 1, COUNT, MAX);
            List<CompletableFuture<Long>> local = new ArrayList<>();
            for (int p = 2; p <= 3; p++) {
                int producer = p;
                local.add(Async.supply(() -> ChannelPeer.send(channel.producer(), producer, 1, COUNT, MAX)));
            }
            StringBuilder expected = new StringBuilder();
            for (int p = 1; p <= 3; p++) {
                expected.append(String.format("producer %d %d %016x%n", p, COUNT, TestMessages.checksum(p, COUNT, MAX)));
            }
            assertEquals(expected.toString(), PeerProcess.run(consumer));
            assertEquals(sent(COUNT, TestMessages.checksum(1, COUNT, MAX)), PeerProcess.run(child));
            for (int p = 2; p <= 3; p++) {
                assertEquals(TestMessages.checksum(p, COUNT, MAX), local.get(p - 2).join());
            }
            assertEquals(3 * COUNT, channel.stats().messagesReceived());
        }
    }

    @Test
    void anotherProcessReadsTheSameCountersInC() {
        try (Channel channel = channels.create(4096, MAX); ChannelConsumer consumer = channel.openConsumer()) {
            ChannelProducer producer = channel.producer(WaitPolicy.sleepAtOnce(Duration.ofMillis(10)));
            ChannelPeer.send(producer, 1, 1, 5, MAX);
            assertEquals(2, consumer.drain((type, message) -> { }, 2));
            while (producer.trySend(1, java.lang.foreign.MemorySegment.ofArray(new byte[MAX]))) {
                // fill the ring, counting a full-ring wait
            }
            ChannelStats stats = channel.stats();
            String expected = String.format("messages_sent %d%nbytes_sent %d%nmessages_received 2%nbytes_received %d%n"
                    + "pending_bytes %d%nfull_ring_waits 1%nconsumer_sleeps 0%nproducer_sleeps 0%nwake_ups 0%n"
                    + "abandoned 0%nconsumer_pid %d%nremoved 0%n", stats.messagesSent(), stats.bytesSent(),
                    stats.bytesReceived(), stats.pendingBytes(), ProcessHandle.current().pid());
            assertEquals(expected, PeerProcess.run(PeerProcess.c(false, "stats", channel.memory().id())));
            assertTrue(stats.messagesSent() > 5 && stats.bytesReceived() == TestMessages.length(1, 1, MAX)
                    + TestMessages.length(1, 2, MAX), stats.toString());
        }
    }

    @Test
    void aChannelMadeByCIsOpenedByKeyInJavaAndOneMadeByJavaByC() {
        IpcKey key = TestKeys.random();
        int id = Integer.parseInt(PeerProcess.run(PeerProcess.c(false, "create", key.value(), 4096, 100)).strip());
        try (Channel channel = Channel.open(key)) {
            channels.add(channel);
            assertEquals(id, channel.memory().id());
            assertEquals(4096, channel.capacity());
            assertEquals(100, channel.maxMessageSize());
            assertEquals(key, channel.semaphores().key());
            PeerProcess consumer = PeerProcess.c(false, "receive", id, 50);
            assertEquals(TestMessages.checksum(7, 50, 100), ChannelPeer.send(channel.producer(), 7, 1, 50, 100));
            assertEquals(String.format("producer 7 50 %016x%n", TestMessages.checksum(7, 50, 100)),
                    PeerProcess.run(consumer));
        }
        try (Channel channel = channels.create(2048, MAX)) {
            PeerProcess.run(PeerProcess.c(false, "remove", channel.memory().id()));
            assertTrue(channel.stats().removed(), "C's remove sets the flag Java reads");
        }
    }
}
