package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wake-up protocol under load, with every wait sleeping at once and a check interval of an
 * hour, so that nothing but a wake-up ends a sleep: a lost wake-up hangs a side until the test's
 * timeout fails it. (The calls are the untimed ones, which a deadline could not end early and so
 * mask a lost wake-up.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelWakeupStressTest {
    private static final WaitPolicy ASLEEP = WaitPolicy.sleepAtOnce(Duration.ofHours(1));

    @RegisterExtension
    final TestChannels channels = new TestChannels();


    @Test
    void everyMessageIsSentToAConsumerAsleepInTheKernelAndWakesIt() throws Exception {
        int count = 2000;
        try (Channel channel = channels.create(4096, 16); ChannelConsumer consumer = channel.openConsumer(ASLEEP)) {
            CompletableFuture<Long> receiving = Async.supply(() -> {
                long received = 0;
                for (int i = 1; i <= count; i++) {
                    long[] type = new long[1];
                    consumer.receive((t, message) -> type[0] = t);
                    assertEquals(i, type[0]);
                    received++;
                }
                return received;
            });
            ChannelProducer producer = channel.producer(ASLEEP);
            for (int i = 1; i <= count; i++) {
                ChannelFaultTest.awaitSleepers(channel.semaphores(), Layout.CONSUMER_SEMAPHORE);
                producer.send(i, MemorySegment.ofArray(new byte[] {(byte) i}));
            }
            assertEquals(count, receiving.get());
            ChannelStats stats = channel.stats();
            assertTrue(stats.consumerSleeps() >= count, stats.toString());
            assertTrue(stats.wakeUps() >= count, stats.toString());
        }
    }

    @Test
    void everySendToAFullRingSleepsAndTheConsumerWakesIt() throws Exception {
        int count = 1000;
        try (Channel channel = channels.create(1024, 100); ChannelConsumer consumer = channel.openConsumer(ASLEEP)) {
            ChannelProducer producer = channel.producer(ASLEEP);
            MemorySegment message = MemorySegment.ofArray(new byte[100]); // 8 records fill the ring
            for (int i = 0; i < 8; i++) {
                assertTrue(producer.trySend(1, message));
            }
            CompletableFuture<Void> sending = Async.run(() -> {
                for (int i = 0; i < count; i++) {
                    producer.send(1, message);
                }
            });
            for (int i = 0; i < count; i++) {
                ChannelFaultTest.awaitSleepers(channel.semaphores(), Layout.PRODUCERS_SEMAPHORE);
                assertTrue(consumer.tryReceive((type, bytes) -> { }));
            }
            sending.get();
            assertEquals(8, consumer.drain((type, bytes) -> { }, 100));
            ChannelStats stats = channel.stats();
            assertTrue(stats.producerSleeps() >= count, stats.toString());
            assertTrue(stats.wakeUps() >= count, stats.toString());
        }
    }

    @Test
    void pingPongBetweenTwoThreadsThatSleepForEveryReply() throws Exception {
        int count = 3000;
        try (Channel requests = channels.create(1024, 8); Channel replies = channels.create(1024, 8);
                ChannelConsumer server = requests.openConsumer(ASLEEP);
                ChannelConsumer client = replies.openConsumer(ASLEEP)) {
            ChannelProducer reply = replies.producer(ASLEEP);
            CompletableFuture<Void> serving = Async.run(() -> {
                for (int i = 0; i < count; i++) {
                    server.receive((type, message) -> reply.send(type + 1, message));
                }
            });
            ChannelProducer request = requests.producer(ASLEEP);
            for (long i = 1; i <= count; i++) {
                request.send(2 * i, MemorySegment.ofArray(new byte[] {(byte) i}));
                long[] type = new long[1];
                client.receive((t, message) -> type[0] = t);
                assertEquals(2 * i + 1, type[0]);
            }
            serving.get();
            assertTrue(requests.stats().consumerSleeps() + replies.stats().consumerSleeps() > 0);
        }
    }

    @Test
    void producersInThreadsJavaAndCOnASmallRingAllSleepingAndAllDelivered() throws Exception {
        int max = 100;
        int count = 4000;
        try (Channel channel = channels.create(1024, max); ChannelConsumer consumer = channel.openConsumer(ASLEEP)) {
            int id = channel.memory().id();
            List<PeerProcess> peers = List.of(PeerProcess.c(true, "send", id, 1, count, max),
                    PeerProcess.java(true, "send", id, 2, count, max));
            List<CompletableFuture<Void>> threads = new ArrayList<>();
            for (int p = 3; p <= 5; p++) {
                int producer = p;
                ChannelProducer sender = channel.producer(ASLEEP);
                threads.add(Async.run(() -> {
                    byte[] bytes = new byte[max];
                    for (long k = 1; k <= count; k++) {
                        int length = TestMessages.fill(bytes, producer, k, max);
                        sender.send(TestMessages.type(producer, k), MemorySegment.ofArray(bytes).asSlice(0, length));
                    }
                }));
            }
            TestMessages.Tally tally = new TestMessages.Tally(max, false);
            Random random = new Random(7);
            while (tally.total() < 5L * count) {
                switch (random.nextInt(3)) {
                    case 0 -> consumer.receive(tally);
                    case 1 -> consumer.drain(tally, 1 + random.nextInt(20));
                    default -> consumer.tryReceive(tally);
                }
            }
            for (CompletableFuture<Void> thread : threads) {
                thread.get();
            }
            for (int p = 1; p <= 2; p++) {
                assertEquals(String.format("sent %d %016x%n", count, tally.producers.get(p)[1]), PeerProcess.run(peers.get(p - 1)));
            }
            for (int p = 1; p <= 5; p++) {
                assertEquals(TestMessages.checksum(p, count, max), tally.producers.get(p)[1], "producer " + p);
            }
            ChannelStats stats = channel.stats();
            assertTrue(stats.producerSleeps() > 0 && stats.consumerSleeps() > 0, stats.toString());
        }
    }

    @Test
    void javaProducersSleepingOnAFullRingThatACConsumerDrains() {
        int max = 100;
        int count = 4000;
        try (Channel channel = channels.create(1024, max)) {
            PeerProcess consumer = PeerProcess.c(true, "receive", channel.memory().id(), 2L * count);
            List<CompletableFuture<Long>> senders = new ArrayList<>();
            for (int p = 1; p <= 2; p++) {
                int producer = p;
                senders.add(Async.supply(() -> ChannelPeer.send(channel.producer(ASLEEP), producer, 1, count, max)));
            }
            StringBuilder expected = new StringBuilder();
            for (int p = 1; p <= 2; p++) {
                expected.append(String.format("producer %d %d %016x%n", p, count, TestMessages.checksum(p, count, max)));
            }
            assertEquals(expected.toString(), PeerProcess.run(consumer));
            senders.forEach(CompletableFuture::join);
            assertTrue(channel.stats().producerSleeps() > 0, channel.stats().toString());
        }
    }
}
