package com.example.orders;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import org.sysvipc.MessageBuffer;

/**
 * The daemon's {@code struct order} (c/order-daemon.c), read and written in place in a
 * {@link MessageBuffer}:
 *
 * <pre>
 * struct order { long mtype; int32_t id; double amount; char name[32]; };
 * </pre>
 *
 * The layout spells out the padding C puts after {@code id}, so that {@code amount} is 8-byte
 * aligned as on x86_64 and aarch64 Linux: 56 bytes in all.
 */
final class Order {
    /** Orders to price, from the service to the daemon. */
    static final long REQUEST = 1;
    /** Priced orders, from the daemon back to the service. */
    static final long PRICED = 2;

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("mtype"),
            ValueLayout.JAVA_INT.withName("id"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.JAVA_DOUBLE.withName("amount"),
            MemoryLayout.sequenceLayout(32, ValueLayout.JAVA_BYTE).withName("name"));

    /** An order's size as {@code msgsnd} and {@code msgrcv} count it: the struct after {@code mtype}. */
    static final int MESSAGE_SIZE = (int) (LAYOUT.byteSize() - MessageBuffer.PAYLOAD_OFFSET);

    private static final VarHandle ID = LAYOUT.varHandle(groupElement("id"));
    private static final VarHandle AMOUNT = LAYOUT.varHandle(groupElement("amount"));
    private static final long NAME_OFFSET = LAYOUT.byteOffset(groupElement("name"));
    private static final long NAME_SIZE = LAYOUT.select(groupElement("name")).byteSize();

    private final MemorySegment struct;

    private Order(MemorySegment struct) {
        this.struct = struct;
    }

    /** {@return the order in the buffer: a view of its native memory, not a copy} */
    static Order in(MessageBuffer buffer) {
        return new Order(buffer.msgbuf().asSlice(0, LAYOUT));
    }

    /** Writes an order to price, to be sent with {@code queue.send(buffer)}. */
    static void writeRequest(MessageBuffer buffer, int id, double amount, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= NAME_SIZE) {
            throw new IllegalArgumentException("a name has at most " + (NAME_SIZE - 1) + " bytes: " + name);
        }
        Order order = in(buffer);
        ID.set(order.struct, 0L, id);
        AMOUNT.set(order.struct, 0L, amount);
        MemorySegment field = order.struct.asSlice(NAME_OFFSET, NAME_SIZE);
        field.fill((byte) 0);
        field.setString(0, name);
        buffer.setType(REQUEST).setLength(MESSAGE_SIZE);
    }

    int id() {
        return (int) ID.get(struct, 0L);
    }

    double amount() {
        return (double) AMOUNT.get(struct, 0L);
    }

    /** {@return the name, up to its NUL; a name without one within its 32 bytes throws} */
    String name() {
        return struct.asSlice(NAME_OFFSET, NAME_SIZE).getString(0);
    }
}
