package org.sysvipc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.KernelWaits;
import org.sysvipc.testing.Requires;
import org.sysvipc.testing.TestKeys;

class MessageQueueTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private MessageQueue newQueue() {
        return cleanup.add(MessageQueue.createPrivate());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void sendsAndReceivesFromEveryKindOfBuffer() {
        MessageQueue queue = newQueue();
        queue.send(1, bytes("array"));
        queue.send(2, ByteBuffer.wrap(bytes("heap buffer")));
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put(bytes("direct")).flip();
        queue.send(3, direct);
        assertEquals(0, direct.remaining(), "a sent buffer is consumed");
        queue.send(4, MemorySegment.ofArray(bytes("segment")));
        try (Arena arena = Arena.ofConfined()) {
            queue.send(MessageBuffer.allocate(arena, 32).set(5, bytes("message buffer")));
        }

        assertEquals(new Message(1, bytes("array")), queue.receive(0));
        assertEquals("heap buffer", queue.receive(0).text());
        ByteBuffer into = ByteBuffer.allocate(64);
        assertEquals(3, queue.receive(0, into));
        assertEquals("direct", new String(into.array(), 0, into.position(), UTF_8));
        assertEquals("segment", queue.receive(4).text());
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 32);
            queue.receive(0, buffer);
            assertEquals(5, buffer.type());
            assertEquals("message buffer", new String(buffer.toByteArray(), UTF_8));
            assertEquals(14, buffer.payload().byteSize());
        }
        assertEquals(Optional.empty(), queue.tryReceive(0));
    }

    @Test
    void emptyMessagesAndLargeOnesRoundTrip() {
        MessageQueue queue = newQueue();
        queue.send(7, new byte[0]);
        assertEquals(new Message(7, new byte[0]), queue.receive(7));
        int msgmax = (int) IpcLimits.current().msgmax();
        byte[] big = new byte[msgmax];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        queue.send(1, big);
        assertArrayEquals(big, queue.receive(1).data());
    }

    @Test
    void aReceivedMessageIsCopiedOutOfNativeMemoryOnceAndNotAgain() {
        MessageQueue queue = newQueue();
        queue.send(1, bytes("once"));
        Message message = queue.receive(0);
        assertSame(message.data(), message.data(), "data() gives the array the receive filled");
        byte[] mine = bytes("shared");
        assertSame(mine, new Message(2, mine).data(), "a Message holds the array it is given");
    }

    @Test
    void ofIdFindsTheQueueAndItsKey() {
        IpcKey key = TestKeys.random();
        MessageQueue queue = cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0600));
        MessageQueue byId = MessageQueue.ofId(queue.id());
        assertEquals(queue, byId);
        assertEquals(key, byId.key());
        byId.send(2, bytes("by id"));
        assertEquals("by id", queue.receive(2).text());
    }

    @Test
    void selectsByTypeAsMsgrcvDoes() {
        MessageQueue queue = newQueue();
        for (long type : new long[] {5, 3, 9, 3, 1}) {
            queue.send(type, bytes("t" + type));
        }
        assertEquals(3, queue.receive(3).type(), "positive: the first of that type");
        assertEquals(1, queue.receive(-4).type(), "negative: the lowest type not above |t|");
        assertEquals(3, queue.receive(-4).type());
        assertEquals(9, queue.receive(5, ReceiveOption.EXCEPT).type(), "except: the first of another type");
        assertEquals(Optional.empty(), queue.tryReceive(-4), "nothing at or below 4 is left");
        assertEquals(5, queue.receive(0).type(), "zero: the first");
    }

    @Test
    void tryReceiveAndTrySendDoNotBlock() {
        MessageQueue queue = newQueue();
        assertEquals(Optional.empty(), queue.tryReceive(0));
        queue.setMaxBytes(100);
        assertTrue(queue.trySend(1, new byte[60]));
        assertFalse(queue.trySend(1, new byte[60]), "a full queue refuses without blocking");
        assertEquals(1, queue.stat().messageCount(), "the refused message was not sent");
        assertEquals(60, queue.tryReceive(0).orElseThrow().length());
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 8);
            assertFalse(queue.tryReceive(0, buffer));
            assertTrue(queue.trySend(buffer.set(2, bytes("x"))));
            assertTrue(queue.tryReceive(0, buffer));
            assertEquals(2, buffer.type());
        }
    }

    @Test
    void timedReceiveReturnsEmptyWhenNothingComesAndTheMessageWhenOneDoes() throws Exception {
        MessageQueue queue = newQueue();
        assertEquals(Optional.empty(), queue.receive(0, Duration.ofMillis(20)));
        CompletableFuture<Optional<Message>> waiting =
                CompletableFuture.supplyAsync(() -> queue.receive(6, Duration.ofSeconds(30)));
        queue.send(6, bytes("late"));
        assertEquals("late", waiting.get(30, TimeUnit.SECONDS).orElseThrow().text());
    }

    @Test
    void timedReceiveAnswersInterrupts() throws Exception {
        MessageQueue queue = newQueue();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                queue.receive(0, Duration.ofMinutes(5));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter.interrupt();
        assertInstanceOf(IpcInterruptedException.class, outcome.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aTooSmallBufferThrowsAndKeepsTheMessageUnlessTruncating() {
        MessageQueue queue = newQueue();
        queue.send(1, bytes("0123456789"));
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer small = MessageBuffer.allocate(arena, 4);
            IpcTooLargeException e = assertThrows(IpcTooLargeException.class, () -> queue.receive(0, small));
            assertEquals(Errno.E2BIG, e.errno());
            assertTrue(e.getMessage().contains("msgrcv"), e.getMessage());
            assertEquals(1, queue.stat().messageCount(), "the message stays in the queue");
            assertThrows(IpcTooLargeException.class, () -> queue.receive(0, ByteBuffer.allocate(4)));
            queue.receive(0, small, ReceiveOption.TRUNCATE);
            assertEquals("0123", new String(small.toByteArray(), UTF_8));
            assertEquals(0, queue.stat().messageCount());
        }
    }

    @Test
    void aMessageAboveMsgmaxIsTooLargeAndNothingIsSent() {
        MessageQueue queue = newQueue();
        long msgmax = IpcLimits.current().msgmax();
        IpcTooLargeException e = assertThrows(IpcTooLargeException.class,
                () -> queue.send(1, new byte[(int) msgmax + 1]));
        assertTrue(e.getMessage().contains("msgmax"), e.getMessage());
        assertEquals(0, queue.stat().messageCount());
    }

    @Test
    void aMessageAboveTheQueuesMaximumNeverFits() {
        MessageQueue queue = newQueue();
        queue.setMaxBytes(16);
        assertFalse(queue.trySend(1, new byte[17]), "the kernel waits for room that can never come");
        assertTrue(queue.trySend(1, new byte[16]));
    }

    @Test
    void peekCopiesWithoutRemoving() {
        MessageQueue queue = newQueue();
        queue.send(4, bytes("first"));
        queue.send(8, bytes("second"));
        assertEquals(new Message(8, bytes("second")), queue.peek(1).orElseThrow());
        assertEquals("first", queue.peek(0).orElseThrow().text());
        assertEquals(Optional.empty(), queue.peek(2));
        assertEquals(2, queue.stat().messageCount());
    }

    @Test
    void statReportsEveryField() {
        Instant before = Instant.now().minusSeconds(2);
        MessageQueue queue = newQueue();
        MessageQueueStat empty = queue.stat();
        assertEquals(0, empty.messageCount());
        assertEquals(Instant.EPOCH, empty.lastSend());
        assertEquals(0, empty.lastSendPid());
        assertEquals(IpcPermissions.DEFAULT_MODE, empty.permissions().accessBits());
        assertEquals(IpcKey.PRIVATE, empty.permissions().key());
        assertEquals(0, empty.permissions().uid());
        assertTrue(empty.lastChange().isAfter(before));

        queue.send(1, new byte[10]);
        queue.send(1, new byte[5]);
        MessageQueueStat two = queue.stat();
        assertEquals(2, two.messageCount());
        assertEquals(15, two.currentBytes());
        assertEquals(ProcessHandle.current().pid(), two.lastSendPid());
        assertFalse(two.lastSend().isBefore(before));
        queue.receive(0);
        MessageQueueStat one = queue.stat();
        assertEquals(5, one.currentBytes());
        assertTrue(one.maxBytes() > 0);
    }

    @Test
    @Tag(Requires.MSG_PIDS)
    void statReportsTheLastReceiversPid() {
        MessageQueue queue = newQueue();
        queue.send(1, new byte[3]);
        assertEquals(0, queue.stat().lastReceivePid());
        queue.receive(0);
        MessageQueueStat stat = queue.stat();
        assertEquals(ProcessHandle.current().pid(), stat.lastReceivePid());
        assertEquals(ProcessHandle.current().pid(), stat.lastSendPid());
    }

    @Test
    void setPermissionsAndMaxBytesChangeTheQueue() {
        MessageQueue queue = newQueue();
        queue.setPermissions(0, 1000, 0640);
        queue.setMaxBytes(4096);
        MessageQueueStat stat = queue.stat();
        assertEquals(0640, stat.permissions().accessBits());
        assertEquals(1000, stat.permissions().gid());
        assertEquals(4096, stat.maxBytes());
    }

    @Test
    void opensByKeyExclusivelyOrNot() {
        IpcKey key = TestKeys.random();
        MessageQueue created = cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0600));
        assertEquals(created.id(), MessageQueue.open(key).id());
        assertEquals(created.id(), MessageQueue.open(key, OpenMode.CREATE, 0600).id());
        IpcAlreadyExistsException e = assertThrows(IpcAlreadyExistsException.class,
                () -> MessageQueue.open(key, OpenMode.CREATE_NEW, 0600));
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertEquals(key, created.stat().permissions().key());
    }

    @Test
    void everyCallOnARemovedQueueSaysItWasRemoved() {
        MessageQueue queue = MessageQueue.createPrivate();
        queue.remove();
        assertThrows(IpcRemovedException.class, () -> queue.send(1, new byte[1]));
        assertThrows(IpcRemovedException.class, () -> queue.trySend(1, new byte[1]));
        assertThrows(IpcRemovedException.class, () -> queue.receive(0));
        assertThrows(IpcRemovedException.class, () -> queue.tryReceive(0));
        assertThrows(IpcRemovedException.class, queue::stat);
        assertThrows(IpcRemovedException.class, () -> queue.setMaxBytes(10));
        IpcRemovedException e = assertThrows(IpcRemovedException.class, queue::remove);
        assertTrue(e.getMessage().contains("message queue " + queue.id()), e.getMessage());
    }

    @Test
    void blockedReceiverAndSenderEndWithRemovedWhenTheQueueGoes() throws Exception {
        MessageQueue queue = MessageQueue.createPrivate();
        try {
            CompletableFuture<Throwable> receiver = blockedCall(() -> queue.receive(42));
            KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), "do_msgrcv");
            MessageQueue full = MessageQueue.createPrivate();
            try {
                full.setMaxBytes(8);
                full.send(1, new byte[8]);
                CompletableFuture<Throwable> sender = blockedCall(() -> full.send(1, new byte[8]));
                KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), "do_msgsnd");
                full.remove();
                assertInstanceOf(IpcRemovedException.class, sender.get(30, TimeUnit.SECONDS));
            } finally {
                removeQuietly(full);
            }
            queue.remove();
            Throwable thrown = receiver.get(30, TimeUnit.SECONDS);
            assertInstanceOf(IpcRemovedException.class, thrown);
            assertEquals(Errno.EIDRM, ((IpcException) thrown).errno());
        } finally {
            removeQuietly(queue);
        }
    }

    @Test
    void rejectsWrongArgumentsBeforeAnyCall() {
        MessageQueue queue = newQueue();
        assertThrows(IllegalArgumentException.class, () -> queue.send(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> queue.send(-5, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> queue.trySend(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> queue.receive(0, ReceiveOption.TRUNCATE));
        assertThrows(IllegalArgumentException.class, () -> queue.peek(-1));
        assertThrows(IllegalArgumentException.class, () -> queue.setMaxBytes(0));
        assertThrows(IllegalArgumentException.class, () -> queue.setPermissions(0, 0, 01777));
        assertThrows(IllegalArgumentException.class, () -> queue.setPermissions(-1, 0, 0600));
        assertThrows(IllegalArgumentException.class, () -> queue.receive(0, ByteBuffer.allocate(4).asReadOnlyBuffer()));
        assertThrows(IllegalArgumentException.class, () -> MessageQueue.open(IpcKey.PRIVATE, OpenMode.CREATE, -1));
        assertThrows(IllegalArgumentException.class, () -> MessageQueue.ofId(-1));
        assertThrows(IllegalArgumentException.class, () -> MessageQueue.open(IpcKey.PRIVATE));
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> MessageBuffer.allocate(arena, -1));
            MessageBuffer buffer = MessageBuffer.allocate(arena, 2);
            assertThrows(IllegalArgumentException.class, () -> buffer.set(1, new byte[3]));
            assertThrows(IllegalArgumentException.class, () -> buffer.set(0, new byte[1]));
        }
        assertEquals(0, queue.stat().messageCount(), "nothing was sent");
    }

    @Test
    void messageBufferReceivesWithoutCopyingIntoJava() {
        MessageQueue queue = newQueue();
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 64);
            MemorySegment payload = arena.allocate(ValueLayout.JAVA_LONG);
            payload.set(ValueLayout.JAVA_LONG, 0, 0x1122334455667788L);
            queue.send(buffer.set(9, payload));
            buffer.set(1, new byte[0]);
            queue.receive(9, buffer);
            assertEquals(0x1122334455667788L, buffer.payload().get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
        }
    }

    private static CompletableFuture<Throwable> blockedCall(Runnable call) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                call.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        return outcome;
    }

    private static void removeQuietly(MessageQueue queue) {
        try {
            queue.remove();
        } catch (IpcRemovedException gone) {
            // removed by the test
        }
    }
}
