package org.sysvipc;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.CProgram;
import org.sysvipc.testing.IpcCleanup;

/**
 * A C program's message struct, which starts with {@code long mtype}, laid over
 * {@link MessageBuffer#msgbuf()}: read in place after a receive, and built in place to send,
 * without a copy; the C program is the other end.
 */
class MessageBufferStructTest {
    /** {@code send ID}: sends one order of type 7; {@code receive ID}: receives one and prints it. */
    private static final String ORDER_C = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/msg.h>

            struct order { long mtype; int item; double price; char note[16]; };

            int main(int argc, char **argv) {
                int id = atoi(argv[2]);
                struct order order;
                size_t size = sizeof order - sizeof order.mtype;
                if (argv[1][0] == 's') {
                    memset(&order, 0, sizeof order);
                    order.mtype = 7;
                    order.item = 42;
                    order.price = 9.5;
                    strcpy(order.note, "from C");
                    if (msgsnd(id, &order, size, 0) == -1) { perror("msgsnd"); return 1; }
                    printf("%zu\\n", sizeof order);
                } else {
                    ssize_t length = msgrcv(id, &order, size, 0, 0);
                    if (length == -1) { perror("msgrcv"); return 1; }
                    printf("%zd %ld %d %.2f %s\\n", length, order.mtype, order.item, order.price, order.note);
                }
                return 0;
            }
            """;
    private static final StructLayout ORDER = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("mtype"),
            ValueLayout.JAVA_INT.withName("item"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.JAVA_DOUBLE.withName("price"),
            MemoryLayout.sequenceLayout(16, ValueLayout.JAVA_BYTE).withName("note"));
    private static final VarHandle MTYPE = ORDER.varHandle(groupElement("mtype"));
    private static final VarHandle ITEM = ORDER.varHandle(groupElement("item"));
    private static final VarHandle PRICE = ORDER.varHandle(groupElement("price"));
    private static final long NOTE = ORDER.byteOffset(groupElement("note"));
    private static final int PAYLOAD = (int) (ORDER.byteSize() - MessageBuffer.PAYLOAD_OFFSET);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path build;
    private CProgram program;
    private MessageQueue queue;

    @BeforeEach
    void compile() {
        program = CProgram.compile(ORDER_C, build);
        queue = cleanup.add(MessageQueue.createPrivate());
    }

    @Test
    void aReceivedCStructIsReadInPlace() {
        assertEquals(Long.toString(ORDER.byteSize()), program.run("send", Integer.toString(queue.id())).strip(),
                "the Java layout has C's size");
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, PAYLOAD);
            queue.receive(0, buffer);
            MemorySegment order = buffer.msgbuf();
            assertEquals(ORDER.byteSize(), order.byteSize());
            assertEquals(PAYLOAD, buffer.length());
            assertEquals(7L, (long) MTYPE.get(order, 0L));
            assertEquals(buffer.type(), (long) MTYPE.get(order, 0L));
            assertEquals(42, (int) ITEM.get(order, 0L));
            assertEquals(9.5, (double) PRICE.get(order, 0L));
            assertEquals("from C", order.getString(NOTE, StandardCharsets.US_ASCII));
            assertEquals(order.asSlice(MessageBuffer.PAYLOAD_OFFSET).address(), buffer.payload().address(),
                    "the payload is the struct after mtype");
        }
    }

    @Test
    void aCStructIsBuiltInPlaceAndSentWithoutACopy() {
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, PAYLOAD);
            MemorySegment order = buffer.msgbuf();
            MTYPE.set(order, 0L, 3L);
            ITEM.set(order, 0L, 43);
            PRICE.set(order, 0L, 10.25);
            order.setString(NOTE, "from Java", StandardCharsets.US_ASCII);
            queue.send(buffer.setLength(PAYLOAD));
        }
        assertEquals(PAYLOAD + " 3 43 10.25 from Java", program.run("receive", Integer.toString(queue.id())).strip());
    }

    @Test
    void aTypeBelowOneWrittenInPlaceIsRefusedAndNothingIsSent() {
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 8).setLength(8);
            buffer.msgbuf().set(ValueLayout.JAVA_LONG, 0, 0L);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queue.send(buffer));
            assertTrue(e.getMessage().contains("was 0"), e.getMessage());
            buffer.msgbuf().set(ValueLayout.JAVA_LONG, 0, -5L);
            assertThrows(IllegalArgumentException.class, () -> queue.trySend(buffer));
            assertEquals(0, queue.stat().messageCount());
        }
    }

    @Test
    void theLengthStaysWithinTheCapacity() {
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, 16);
            assertEquals(MessageBuffer.PAYLOAD_OFFSET + 16, buffer.msgbuf().byteSize());
            assertEquals(16, buffer.setLength(16).length());
            assertEquals(0, buffer.setLength(0).length());
            assertThrows(IllegalArgumentException.class, () -> buffer.setLength(17));
            assertThrows(IllegalArgumentException.class, () -> buffer.setLength(-1));
            assertEquals(0, buffer.length());
            assertEquals(8, MessageBuffer.PAYLOAD_OFFSET, "a long's size on 64-bit Linux");
        }
    }
}
