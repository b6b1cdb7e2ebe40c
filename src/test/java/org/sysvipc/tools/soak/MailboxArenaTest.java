package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;
import org.sysvipc.testing.IpcCleanup;

/** A message buffer in a slot's mailbox: msgrcv writes the message where the soak reads it after a kill. */
class MailboxArenaTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void aMessageReceivedIntoTheMailboxIsReadableFromTheSlot() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        try (Arena arena = Arena.ofConfined()) {
            WorkerSlot slot = new WorkerSlot(arena.allocate(WorkerSlot.BYTES, 64));
            MailboxArena mailbox = new MailboxArena(slot.mailbox());
            MessageBuffer buffer = MessageBuffer.allocate(mailbox, SoakMessage.MAX_BYTES);
            slot.mailboxPayloadAt(mailbox.offsetOf(buffer.payload()));
            assertEquals(0, slot.mailboxMessageId(), "nothing received yet");

            MemorySegment message = arena.allocate(SoakMessage.MAX_BYTES);
            long id = SoakMessage.id(9, 1234);
            int length = SoakMessage.write(message, id, System.nanoTime());
            queue.send(1, message.asSlice(0, length));
            queue.receive(0, buffer);

            assertEquals(id, slot.mailboxMessageId());
            assertTrue(SoakMessage.isIntact(buffer.payload(), buffer.length()));
        }
    }

    @Test
    void allocationsAreAlignedZeroedAndBounded() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = arena.allocate(64, 64);
            region.fill((byte) 7);
            MailboxArena mailbox = new MailboxArena(region);
            MemorySegment first = mailbox.allocate(3, 1);
            MemorySegment second = mailbox.allocate(8, 8);
            assertEquals(0, mailbox.offsetOf(first));
            assertEquals(8, mailbox.offsetOf(second));
            assertEquals(0, second.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0));
            assertThrows(IllegalStateException.class, () -> mailbox.allocate(64, 8));
            assertThrows(IllegalArgumentException.class, () -> mailbox.allocate(1, 3));
            assertThrows(UnsupportedOperationException.class, mailbox::close);
        }
    }
}
