package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.SemaphoreSet;

/**
 * Processes that die at the worst moments (SIGKILL while writing a record, while holding the claim
 * lock, while consuming) and channels removed under sleeping threads: the channel goes on, skips
 * and counts only what a dead process left, and never skips a live one's record.
 */
class ChannelFaultTest {
    /** Short, so that faults are noticed quickly; the waits below are generous multiples of it. */
    private static final WaitPolicy QUICK = WaitPolicy.sleepAtOnce(Duration.ofMillis(20));
    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    final TestChannels channels = new TestChannels();


    @Test
    void aRecordWhoseWriterIsKilledIsSkippedAndCountedButNotWhileItLives() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer(QUICK)) {
            ChannelProducer producer = channel.producer(QUICK);
            ChannelPeer.send(producer, 1, 1, 1, 100);
            try (PeerProcess writer = PeerProcess.c(false, "claim-and-hang", channel.memory().id(), 80)) {
                assertTrue(writer.readLine().startsWith("claimed "));
                ChannelPeer.send(producer, 1, 2, 2, 100);
                TestMessages.Tally tally = new TestMessages.Tally(100, false);
                assertTrue(consumer.receive(tally, LONG));
                assertFalse(consumer.receive(tally, Duration.ofMillis(200)), "the record of a live writer is waited for");
                assertEquals(0, channel.stats().abandonedRecords());
                writer.kill();
                assertTrue(consumer.receive(tally, LONG), "the dead writer's record is skipped");
                assertEquals(2, tally.count(1));
            }
            ChannelStats stats = channel.stats();
            assertEquals(1, stats.abandonedRecords());
            assertEquals(3, stats.messagesSent());
            assertEquals(2, stats.messagesReceived());
        }
    }

    @Test
    void aRecordOfAWriterInAnotherPidNamespaceIsNeverSkippedNotEvenOnceItIsGone() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer(QUICK)) {
            try (PeerProcess writer = PeerProcess.cInOwnPidNamespace("claim-and-hang", channel.memory().id(), 80)) {
                assertTrue(writer.readLine().startsWith("claimed "));
                ChannelPeer.send(channel.producer(QUICK), 1, 1, 1, 100);
                assertFalse(consumer.receive((type, message) -> { }, Duration.ofMillis(200)));
                writer.kill();
            }
            // its pid means nothing here, so the consumer cannot tell it died: it waits, as documented
            assertFalse(consumer.receive((type, message) -> { }, Duration.ofMillis(300)));
            assertEquals(0, channel.stats().abandonedRecords());
            assertTrue(channel.stats().pendingBytes() > 0, "the record and the message after it wait");
        }
    }

    @Test
    void aJavaProducerKilledWhileSendingNeverWedgesTheChannel() {
        int max = 50_000;
        try (Channel channel = channels.create(1 << 18, max); ChannelConsumer consumer = channel.openConsumer(QUICK)) {
            TestMessages.Tally tally = new TestMessages.Tally(max, false);
            for (int round = 1; round <= 3; round++) {
                try (PeerProcess sender = PeerProcess.java(false, "send-forever", channel.memory().id(), round, max)) {
                    assertEquals("started", sender.readLine());
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(50, 300));
                    while (tally.count(round) < 10 || System.nanoTime() < until) {
                        assertTrue(consumer.receive(tally, LONG));
                    }
                    sender.kill();
                }
                ChannelPeer.send(channel.producer(QUICK), 100 + round, 1, 20, max);
                while (tally.count(100 + round) < 20) {
                    assertTrue(consumer.receive(tally, LONG), "the channel goes on after the kill");
                }
            }
            ChannelStats stats = channel.stats();
            assertTrue(stats.abandonedRecords() <= 3, stats.toString());
            // every message claimed was received or abandoned; a producer killed between moving the tail and
            // counting its message leaves an abandoned record that was never counted as sent
            long accounted = stats.messagesReceived() + stats.abandonedRecords();
            assertTrue(accounted >= stats.messagesSent() && accounted - stats.messagesSent() <= stats.abandonedRecords(),
                    stats.toString());
            assertEquals(0, stats.pendingBytes());
        }
    }

    @Test
    void aClaimLockHeldByAKilledProducerIsTakenOverButNotWhileItLives() {
        try (Channel channel = channels.create(4096, 100); ChannelConsumer consumer = channel.openConsumer(QUICK)) {
            ChannelProducer producer = channel.producer(QUICK);
            try (PeerProcess holder = PeerProcess.c(false, "hold-lock", channel.memory().id())) {
                assertEquals("locked", holder.readLine());
                assertFalse(producer.trySend(1, MemorySegment.ofArray(new byte[10])), "a live holder keeps the lock");
                assertFalse(producer.send(1, MemorySegment.ofArray(new byte[10]), Duration.ofMillis(100)));
                holder.kill();
                assertTrue(producer.send(1, MemorySegment.ofArray(new byte[10]), LONG));
            }
            assertTrue(consumer.tryReceive((type, message) -> assertEquals(10, message.byteSize())));
            assertEquals(1, channel.stats().lockBreaks());
        }
    }

    @Test
    void aConsumerThatDiesIsReplacedAndTheNextOneContinuesFromItsLastMessage() {
        try (Channel channel = channels.create(1 << 16, 100)) {
            ChannelPeer.send(channel.producer(), 5, 1, 300, 100);
            String child = PeerProcess.run(PeerProcess.java(false, "receive-and-vanish", channel.memory().id(), 100));
            assertEquals(String.format("producer 5 100 %016x%n", TestMessages.checksum(5, 100, 100)), child);
            TestMessages.Tally tally = new TestMessages.Tally(100, false);
            tally.producers.put(5, new long[] {100, TestMessages.checksum(5, 100, 100)});
            try (ChannelConsumer consumer = channel.openConsumer()) {
                assertEquals(200, consumer.drain(tally, 1000));
            }
            assertEquals(TestMessages.checksum(5, 300, 100), tally.producers.get(5)[1], "each message exactly once");
            ChannelStats stats = channel.stats();
            assertEquals(1, stats.consumerTakeovers());
            assertEquals(300, stats.messagesReceived());
            assertEquals(0, stats.consumerPid(), "the closed consumer let go");
        }
    }

    /**
     * The soak's hang: a replacement consumer that takes the role from a dead one just as the
     * channel is removed must not keep the role when its takeover fails on the removed set.
     */
    @Test
    void aTakeoverThatFailsOnTheRemovedSetLetsGoOfTheRole() {
        try (Channel channel = channels.create(4096, 100)) {
            PeerProcess.run(PeerProcess.java(false, "receive-and-vanish", channel.memory().id(), 0));
            assertTrue(channel.stats().consumerPid() != 0, "the vanished consumer left the role");
            channel.remove();
            assertThrows(IpcRemovedException.class, channel::openConsumer);
            assertEquals(0, channel.stats().consumerPid(), "the failed takeover let go");
        }
    }

    @Test
    void aConsumerKilledWhileReceivingIsReplacedWithAtMostOneMessageAgain() {
        try (Channel channel = channels.create(1 << 12, 100)) {
            int count = 20_000;
            CompletableFuture<Long> sending = Async.supply(
                    () -> ChannelPeer.send(channel.producer(), 9, 1, count, 100));
            try (PeerProcess child = PeerProcess.java(false, "receive-forever", channel.memory().id())) {
                assertEquals("consuming", child.readLine());
                while (channel.stats().messagesReceived() < 1000) {
                    Thread.onSpinWait();
                }
                ChannelBusyException busy = assertThrows(ChannelBusyException.class, channel::openConsumer);
                assertEquals(child.pid(), busy.consumerPid());
                child.kill();
            }
            long consumedBefore = channel.stats().messagesReceived();
            Resuming tally = new Resuming();
            try (ChannelConsumer consumer = channel.openConsumer()) {
                while (tally.last < count) {
                    assertTrue(consumer.receive(tally, LONG));
                }
            }
            sending.join();
            // the killed consumer moved the head past every message it handled; its count of them
            // may lag by the one whose call the kill cut short
            assertTrue(tally.first == consumedBefore + 1 || tally.first == consumedBefore + 2,
                    "resumed at " + tally.first + " after " + consumedBefore + " counted as consumed");
            assertEquals(1, channel.stats().consumerTakeovers());
        }
    }

    /** Checks that messages come in order without a gap from wherever the tally starts. */
    private static final class Resuming implements MessageHandler {
        long first;
        long last;

        @Override
        public void onMessage(long type, MemorySegment message) {
            long k = type & 0xFFFFFFFFL;
            if (first == 0) {
                first = k;
            } else {
                assertEquals(last + 1, k, "no gap and no repeat after the first");
            }
            last = k;
        }
    }

    @Test
    void aSecondConsumerIsRefusedWhileTheFirstLives() {
        try (Channel channel = channels.create(4096, 10); ChannelConsumer first = channel.openConsumer()) {
            ChannelBusyException busy = assertThrows(ChannelBusyException.class, channel::openConsumer);
            assertEquals(ProcessHandle.current().pid(), busy.consumerPid());
            assertTrue(busy.getMessage().contains("this process"), busy.getMessage());
            first.close();
            channel.openConsumer().close();
        }
    }

    @Test
    void removingTheChannelWakesTheSleepingConsumerAndProducer() throws Exception {
        WaitPolicy asleep = WaitPolicy.sleepAtOnce(Duration.ofHours(1));
        try (Channel empty = channels.create(1024, 100); Channel full = channels.create(1024, 100);
                ChannelConsumer consumer = empty.openConsumer(asleep)) {
            ChannelProducer producer = full.producer(asleep);
            while (producer.trySend(1, MemorySegment.ofArray(new byte[100]))) {
                // fill it
            }
            CompletableFuture<Void> receiving = Async.run(() -> consumer.receive((type, message) -> { }));
            CompletableFuture<Void> sending = Async.run(
                    () -> producer.send(1, MemorySegment.ofArray(new byte[100])));
            awaitSleepers(empty.semaphores(), Layout.CONSUMER_SEMAPHORE);
            awaitSleepers(full.semaphores(), Layout.PRODUCERS_SEMAPHORE);
            PeerProcess.run(PeerProcess.c(false, "remove", empty.memory().id()));
            PeerProcess.run(PeerProcess.c(false, "remove", full.memory().id()));
            for (CompletableFuture<Void> sleeper : java.util.List.of(receiving, sending)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> sleeper.get(60, TimeUnit.SECONDS));
                assertInstanceOf(IpcRemovedException.class, e.getCause());
            }
            assertThrows(IpcRemovedException.class, () -> producer.trySend(1, MemorySegment.ofArray(new byte[1])));
            assertThrows(IpcRemovedException.class, () -> consumer.tryReceive((type, message) -> { }));
        }
    }

    @Test
    void removingOnlyTheSegmentWakesASleeperAtItsNextCheckWhichRemovesTheSet() throws Exception {
        try (Channel channel = channels.create(1024, 100); ChannelConsumer consumer = channel.openConsumer(QUICK)) {
            CompletableFuture<Void> receiving = Async.run(() -> consumer.receive((type, message) -> { }));
            awaitSleepers(channel.semaphores(), Layout.CONSUMER_SEMAPHORE);
            channel.memory().remove(); // ipcrm -m
            ExecutionException e = assertThrows(ExecutionException.class, () -> receiving.get(60, TimeUnit.SECONDS));
            assertInstanceOf(IpcRemovedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("segment was removed"), e.getCause().getMessage());
            assertThrows(IpcNotFoundException.class, () -> SemaphoreSet.ofId(channel.semaphores().id()));
        }
    }

    /** Waits until a thread sleeps in the kernel on the semaphore ({@code GETNCNT}). */
    static void awaitSleepers(SemaphoreSet set, int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (set.countWaitingForIncrease(index) < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nobody went to sleep on semaphore " + index + " of " + set);
            }
            Thread.sleep(1);
        }
    }
}
