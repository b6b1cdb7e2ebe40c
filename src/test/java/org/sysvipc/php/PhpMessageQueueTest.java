package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.Errno;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.IpcTooLargeException;
import org.sysvipc.IpcWouldBlockException;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;
import org.sysvipc.testing.Requires;

class PhpMessageQueueTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private PhpMessageQueue keyed() {
        return PhpMessageQueue.of(cleanup.add(MessageQueue.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600)));
    }

    /**
     * A maximum size far above msgmax costs nothing: the queue's receive buffer grows only as far
     * as the message needs. It used to be a native buffer of the maximum size, zeroed, on every
     * receive: 2 GiB of resident memory for {@code Integer.MAX_VALUE}.
     */
    @Test
    void aMaximumSizeFarAboveMsgmaxTakesNoMoreMemoryThanTheMessage() {
        PhpMessageQueue queue = PhpMessageQueue.of(cleanup.add(MessageQueue.createPrivate()));
        queue.send(1, "hello");
        List<String> out = ChildJvm.run(HugeMaxSizeChild.class, Integer.toString(queue.queue().id())).lines().toList();
        assertEquals(List.of("nothing of type 2 true", "received hello"), out.subList(0, 2));
        long grewKilobytes = Long.parseLong(out.get(2).substring("peak grew ".length()));
        assertTrue(grewKilobytes < 64 * 1024, "the peak resident memory grew by " + grewKilobytes + " KiB");
    }

    @Test
    @Tag(Requires.PHP)
    void everyValueTypeGoesBothWaysWithAndWithoutSerializing() {
        PhpMessageQueue queue = keyed();
        Php.Peer peer = Php.start("queue_roundtrip.php", queue.queue().key().value());
        try {
            List<Object> values = PhpValues.values();
            for (Object expected : values) {
                PhpMessage message = Messages.await(queue, 1, true, peer);
                assertEquals(1, message.type());
                assertTrue(PhpValues.same(expected, message.value()),
                        () -> "expected " + PhpValues.show(expected) + ", received " + PhpValues.show(message.value()));
            }
            List<Object> scalars = PhpValues.scalars();
            for (Object scalar : scalars) {
                PhpMessage message = Messages.await(queue, 2, false, peer);
                assertArrayEquals(PhpMessageQueue.scalarBytes(scalar), PhpSerializer.bytes(message.value()),
                        () -> PhpValues.show(scalar) + " arrived as " + PhpValues.show(message.value()));
            }
            for (Object value : values) {
                queue.send(3, value);
            }
            for (Object scalar : scalars) {
                assertTrue(queue.send(4, scalar, false, true));
            }
            assertEquals("ok\n", peer.await());
        } finally {
            peer.kill();
        }
    }

    @Test
    void phpFormatsOfScalarsAreTheDocumentedOnes() {
        PhpMessageQueue queue = PhpMessageQueue.of(cleanup.add(MessageQueue.createPrivate()));
        queue.send(1, Double.NEGATIVE_INFINITY, false, true);
        queue.send(1, 0.1, false, true);
        queue.send(1, "x", true, true);
        queue.send(1, List.of(1, "a"));
        assertEquals("inf", queue.receive(0, 100, false, 0).value());
        assertEquals("0.100000", queue.receive(0, 100, false, 0).value());
        assertEquals("s:1:\"x\";", queue.receive(0, 100, false, 0).value());
        assertEquals(PhpValues.array(1L, "a"), queue.receive(0, 100).value());
        assertThrows(IllegalArgumentException.class, () -> queue.send(1, null, false, true));
        assertThrows(IllegalArgumentException.class, () -> queue.send(1, List.of(), false, true));
        assertThrows(IllegalArgumentException.class, () -> queue.send(0, "x"));
    }

    @Test
    void phpReceiveFlags() {
        PhpMessageQueue queue = PhpMessageQueue.of(cleanup.add(MessageQueue.createPrivate()));
        IpcWouldBlockException empty = assertThrows(IpcWouldBlockException.class,
                () -> queue.receive(0, 100, true, PhpMessageQueue.MSG_IPC_NOWAIT));
        assertEquals(Errno.ENOMSG, empty.errno());
        assertEquals(42, empty.errnoNumber()); // PHP's msg_receive error code MSG_ENOMSG
        assertTrue(queue.tryReceive(0, 100).isEmpty());

        queue.send(5, "a long string of more than twenty bytes");
        IpcTooLargeException tooLarge = assertThrows(IpcTooLargeException.class,
                () -> queue.receive(0, 20, true, PhpMessageQueue.MSG_IPC_NOWAIT));
        assertEquals(Errno.E2BIG, tooLarge.errno());
        assertEquals(7, tooLarge.errnoNumber()); // PHP's error code, and the message stays
        PhpFormatException cut = assertThrows(PhpFormatException.class,
                () -> queue.receive(0, 20, true, PhpMessageQueue.MSG_NOERROR | PhpMessageQueue.MSG_IPC_NOWAIT));
        assertTrue(cut.getMessage().contains("cannot fit"), cut.getMessage());
        assertTrue(queue.tryReceive(0, 100).isEmpty(), "a cut message has left the queue, as in PHP");

        queue.send(5, "abcdefghij", false, true);
        PhpMessage truncated = queue.receive(0, 4, false, PhpMessageQueue.MSG_NOERROR);
        assertEquals(new PhpMessage(5, "abcd"), truncated);

        queue.send(1, "one");
        queue.send(2, "two");
        queue.send(3, "three");
        assertEquals(new PhpMessage(2, "two"), queue.receive(1, 100, true, PhpMessageQueue.MSG_EXCEPT));
        assertEquals(new PhpMessage(1, "one"), queue.receive(-3, 100));
        assertEquals(new PhpMessage(3, "three"), queue.tryReceive(3, 100).orElseThrow());

        assertThrows(IllegalArgumentException.class, () -> queue.receive(0, 0));
        assertThrows(IllegalArgumentException.class, () -> queue.receive(0, 10, true, 8));
        assertThrows(IllegalArgumentException.class, () -> queue.tryReceive(0, -1));
    }

    @Test
    void aMessageThatIsNotSerializedIsRefusedWithItsPosition() {
        PhpMessageQueue queue = PhpMessageQueue.of(cleanup.add(MessageQueue.createPrivate()));
        queue.queue().send(1, "s:5:\"abc\";".getBytes(StandardCharsets.US_ASCII));
        PhpFormatException e = assertThrows(PhpFormatException.class, () -> queue.receive(0, 100));
        assertEquals(2, e.position());
        queue.queue().send(1, new byte[] {(byte) 0xff, 'a'});
        assertArrayEquals(new byte[] {(byte) 0xff, 'a'}, (byte[]) queue.receive(0, 100, false, 0).value());
    }

    @Test
    void nonBlockingSendOnAFullQueueReturnsFalse() {
        PhpMessageQueue queue = PhpMessageQueue.of(cleanup.add(MessageQueue.createPrivate()));
        queue.queue().setMaxBytes(16);
        assertTrue(queue.send(1, "0123456789", false, false));
        assertFalse(queue.send(1, "0123456789", false, false));
        assertFalse(queue.send(1, Map.of("k", 1), true, false));
    }

    @Test
    void openIsMsgGetQueue() {
        MessageQueue existing = cleanup.add(MessageQueue.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600));
        PhpMessageQueue opened = PhpMessageQueue.open(existing.key(), 0644);
        assertEquals(existing.id(), opened.queue().id());
        assertEquals(0600, existing.stat().permissions().mode());

        PhpMessageQueue created = PhpMessageQueue.open(IpcKey.PRIVATE);
        cleanup.add(created.queue());
        assertEquals(PhpMessageQueue.DEFAULT_PERMISSIONS, created.queue().stat().permissions().mode());

        IpcKey key = TestKeys.random();
        MessageQueue.open(key, OpenMode.CREATE_NEW, 0600).remove(); // the key is free
        PhpMessageQueue byKey = PhpMessageQueue.open(key, 0640);
        cleanup.add(byKey.queue());
        assertEquals(0640, byKey.queue().stat().permissions().mode());
        assertEquals(byKey.queue().id(), PhpMessageQueue.open(key).queue().id());

        assertThrows(IllegalArgumentException.class, () -> PhpMessageQueue.open(key, 01000));
        byKey.remove();
        assertThrows(IpcRemovedException.class, () -> byKey.send(1, "x"));
    }
}
