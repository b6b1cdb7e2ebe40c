package org.sysvipc.tools.soak;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageBuffer;
import org.sysvipc.SharedMemory;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelConsumer;
import org.sysvipc.testing.IpcCleanup;

/**
 * The channel lane's removal takes out every message a channel accepted and nobody consumed, once:
 * none left behind (a dropped message would be lost), none a consumer also took (a duplicate),
 * none a killed producer never committed.
 */
class ChannelRemovalTest {
    private static final int CAPACITY = 1024;
    private static final long CLAIM_LOCK = 128, TAIL = 136;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final MemorySegment message = Arena.ofAuto().allocate(SoakMessage.MAX_BYTES, Long.BYTES);
    private final List<Long> drained = new ArrayList<>();

    private Channel channel() {
        Channel channel = Channel.createPrivate(CAPACITY, SoakMessage.MAX_BYTES);
        cleanup.add(channel.memory());
        cleanup.add(channel.semaphores());
        return channel;
    }

    private void send(Channel channel, long sequence) {
        int length = SoakMessage.write(message, SoakMessage.id(1, sequence), System.nanoTime());
        channel.producer().send(1, message.asSlice(0, length));
    }

    private void drained(MemorySegment taken, long length) {
        assertTrue(SoakMessage.isIntact(taken, length), "message " + drained.size() + " is intact");
        drained.add(SoakMessage.sequence(SoakMessage.idOf(taken)));
    }

    private static long wordOf(long pid) {
        return ChannelRemoval.currentProcessWord() & 0xFFFFFFFF_00000000L | pid;
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        return gone.pid();
    }

    @Test
    void theMessagesNobodyConsumedAreTakenOutInOrderAcrossTheRingsEnd() {
        try (Channel channel = channel(); SharedMemory.Attachment view = channel.memory().attach()) {
            MessageBuffer buffer = MessageBuffer.allocate(Arena.ofAuto(), SoakMessage.MAX_BYTES);
            try (ChannelConsumer consumer = channel.openConsumer()) {
                for (long sequence = 1; sequence <= 20; sequence++) {
                    send(channel, sequence);
                    if (sequence > 3) {
                        consumer.receive(buffer); // keeps three in the ring, which wraps several times
                        assertEquals(sequence - 3, SoakMessage.sequence(SoakMessage.idOf(buffer.payload())));
                    }
                }
            }
            ChannelRemoval.Remnants remnants = new ChannelRemoval(view.segment(), CAPACITY,
                    ChannelRemoval.currentProcessWord(), PATIENCE).remove(channel, this::drained);
            assertEquals(List.of(18L, 19L, 20L), drained);
            assertEquals(new ChannelRemoval.Remnants(3, 0), remnants);
            assertTrue(channel.stats().removed());
            assertThrows(IpcRemovedException.class, () -> send(channel, 21), "no producer sends any more");
        }
    }

    @Test
    void aRecordAKilledProducerLeftUncommittedIsSkippedAndCountedAndItsLockTaken() throws Exception {
        try (Channel channel = channel(); SharedMemory.Attachment view = channel.memory().attach()) {
            send(channel, 1);
            send(channel, 2);
            MemorySegment header = view.segment();
            long dead = deadPid();
            // as a producer killed while copying leaves it: claimed, negative length, the lock held
            long tail = header.get(ValueLayout.JAVA_LONG, TAIL);
            long record = 1024 + tail % CAPACITY;
            header.set(ValueLayout.JAVA_INT, record, -(24 + 40));
            header.set(ValueLayout.JAVA_INT, record + 4, (int) dead);
            header.set(ValueLayout.JAVA_LONG, TAIL, tail + 64);
            header.set(ValueLayout.JAVA_LONG, CLAIM_LOCK, wordOf(dead));
            ChannelRemoval.Remnants remnants = new ChannelRemoval(header, CAPACITY, ChannelRemoval.currentProcessWord(),
                    PATIENCE).remove(channel, this::drained);
            assertEquals(List.of(1L, 2L), drained);
            assertEquals(new ChannelRemoval.Remnants(2, 1), remnants);
        }
    }

    @Test
    void aLiveConsumerKeepsWhatItTakesAfterTheRemovalAndTheRestIsTakenOutOnce() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try (Channel channel = channel(); SharedMemory.Attachment view = channel.memory().attach()) {
            for (long sequence = 1; sequence <= 5; sequence++) {
                send(channel, sequence);
            }
            ChannelConsumer consumer = channel.openConsumer();
            // the remover is another process: this one keeps the consumer role until it lets go
            CompletableFuture<ChannelRemoval.Remnants> removal = CompletableFuture.supplyAsync(() ->
                    new ChannelRemoval(view.segment(), CAPACITY, wordOf(other.pid()), PATIENCE).remove(channel, this::drained));
            while (!channel.stats().removed()) {
                Thread.onSpinWait();
            }
            MessageBuffer buffer = MessageBuffer.allocate(Arena.ofAuto(), SoakMessage.MAX_BYTES);
            List<Long> consumed = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                consumer.receive(buffer); // a removed channel still gives what it holds
                consumed.add(SoakMessage.sequence(SoakMessage.idOf(buffer.payload())));
            }
            assertFalse(removal.isDone(), "the removal waits for the consumer to let go");
            consumer.close();
            assertEquals(new ChannelRemoval.Remnants(3, 0), removal.get(60, TimeUnit.SECONDS));
            assertEquals(List.of(1L, 2L), consumed);
            assertEquals(List.of(3L, 4L, 5L), drained, "each message once: the consumer's are not taken out again");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aClaimLockALiveProcessNeverGivesBackFailsTheRemovalNamingItAndRemovesNothing() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try (Channel channel = channel(); SharedMemory.Attachment view = channel.memory().attach()) {
            send(channel, 1);
            view.segment().set(ValueLayout.JAVA_LONG, CLAIM_LOCK, wordOf(other.pid()));
            IllegalStateException stuck = assertThrows(IllegalStateException.class, () -> new ChannelRemoval(
                    view.segment(), CAPACITY, ChannelRemoval.currentProcessWord(), Duration.ofMillis(100))
                    .remove(channel, this::drained));
            assertTrue(stuck.getMessage().contains("the claim lock of the channel stayed with process " + other.pid()),
                    stuck.getMessage());
            assertFalse(channel.stats().removed());
            assertEquals(List.of(), drained);
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessGoneOrAZombieIsCertainlyDeadAndALiveOneIsNot() throws Exception {
        assertTrue(ChannelRemoval.isCertainlyDead((int) deadPid()));
        assertFalse(ChannelRemoval.isCertainlyDead((int) ProcessHandle.current().pid()));
        assertFalse(ChannelRemoval.isCertainlyDead(0), "no process to judge");
    }
}
