package org.sysvipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.sysvipc.internal.Structs;

/**
 * A native message buffer, C's {@code struct msgbuf}: a {@code long} type, then the bytes. The
 * caller allocates it once and reuses it, so that sending and receiving copy no Java arrays and
 * allocate nothing.
 *
 * <p>{@link #payload()} is the message's bytes; {@link #msgbuf()} is the whole struct, type
 * included, for building a message in place the way C does, with a struct that starts with the
 * type laid over it:
 * {@snippet :
 * // C: struct order { long mtype; int item; double price; };
 * static final StructLayout ORDER = MemoryLayout.structLayout(
 *         ValueLayout.JAVA_LONG.withName("mtype"), ValueLayout.JAVA_INT.withName("item"),
 *         MemoryLayout.paddingLayout(4), ValueLayout.JAVA_DOUBLE.withName("price"));
 *
 * MessageBuffer buffer = MessageBuffer.allocate(arena, (int) (ORDER.byteSize() - MessageBuffer.PAYLOAD_OFFSET));
 * MemorySegment order = buffer.msgbuf();
 * order.set(ValueLayout.JAVA_LONG, 0, 1L);                // mtype
 * order.set(ValueLayout.JAVA_INT, 8, 42);                 // item
 * order.set(ValueLayout.JAVA_DOUBLE, 16, 9.5);            // price
 * queue.send(buffer.setLength((int) (ORDER.byteSize() - MessageBuffer.PAYLOAD_OFFSET)));
 * }
 *
 * <p>Not thread-safe: use one buffer per thread. It lives as long as the arena it was allocated in.
 *
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     MessageBuffer buffer = MessageBuffer.allocate(arena, 8192);
 *     queue.receive(0, buffer);
 *     handle(buffer.type(), buffer.payload());
 * }
 * }
 */
public final class MessageBuffer {
    /** Where the bytes start in {@link #msgbuf()}: after the {@code long} type, so 8 on 64-bit Linux. */
    public static final long PAYLOAD_OFFSET = Structs.MSGBUF_TEXT_OFFSET;

    private final MemorySegment segment;
    private final int capacity;
    private int length;

    private MessageBuffer(MemorySegment segment, int capacity) {
        this.segment = segment;
        this.capacity = capacity;
    }

    /**
     * Allocates a buffer for messages of up to {@code capacity} bytes.
     *
     * @param arena    the arena whose lifetime the buffer shares
     * @param capacity the most bytes a message may have, at least 0
     * @return the buffer, holding an empty message of type 1
     * @throws IllegalArgumentException if capacity is negative
     */
    public static MessageBuffer allocate(Arena arena, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        MessageBuffer buffer = new MessageBuffer(
                arena.allocate(PAYLOAD_OFFSET + capacity, Structs.MSGBUF_ALIGNMENT), capacity);
        buffer.segment.set(ValueLayout.JAVA_LONG, 0, 1L);
        return buffer;
    }

    /**
     * {@return the most bytes a message in this buffer may have}
     */
    public int capacity() {
        return capacity;
    }

    /**
     * {@return the type of the message in the buffer}
     */
    public long type() {
        return segment.get(ValueLayout.JAVA_LONG, 0);
    }

    /**
     * {@return the length in bytes of the message in the buffer}
     */
    public int length() {
        return length;
    }

    /**
     * {@return the message's bytes: a view of the buffer, valid until the buffer is next written}
     */
    public MemorySegment payload() {
        return segment.asSlice(PAYLOAD_OFFSET, length);
    }

    /**
     * {@return the whole {@code struct msgbuf}: the {@code long} type at offset 0, then room for
     * {@link #capacity()} bytes from {@link #PAYLOAD_OFFSET}}
     *
     * <p>Write a message here in place, then set its length with {@link #setLength(int)} and send
     * the buffer. A receive writes the struct as C's {@code msgrcv} does, so a C struct that starts
     * with {@code long mtype} can be read over it. A type written here directly is checked by the
     * kernel when the message is sent: one below 1 is refused then.
     */
    public MemorySegment msgbuf() {
        return segment;
    }

    /**
     * {@return a copy of the message's bytes}
     */
    public byte[] toByteArray() {
        return payload().toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * Puts a message in the buffer, to be sent with {@link MessageQueue#send(MessageBuffer)}.
     *
     * @param type  the message's type, positive
     * @param bytes the message's bytes, at most {@link #capacity()}
     * @return this buffer
     * @throws IllegalArgumentException if type is not positive or bytes do not fit
     */
    public MessageBuffer set(long type, MemorySegment bytes) {
        requireType(type);
        if (bytes.byteSize() > capacity) {
            throw new IllegalArgumentException("a message of " + bytes.byteSize()
                    + " bytes does not fit a buffer of " + capacity);
        }
        segment.set(ValueLayout.JAVA_LONG, 0, type);
        MemorySegment.copy(bytes, 0, segment, PAYLOAD_OFFSET, bytes.byteSize());
        length = (int) bytes.byteSize();
        return this;
    }

    /**
     * Puts a message in the buffer, to be sent with {@link MessageQueue#send(MessageBuffer)}.
     *
     * @param type  the message's type, positive
     * @param bytes the message's bytes, at most {@link #capacity()}
     * @return this buffer
     * @throws IllegalArgumentException if type is not positive or bytes do not fit
     */
    public MessageBuffer set(long type, byte[] bytes) {
        return set(type, MemorySegment.ofArray(bytes));
    }

    /**
     * Changes the type of the message in the buffer and keeps its bytes, such as to send a received
     * message back as a reply without copying it.
     *
     * @param type the message's new type, positive
     * @return this buffer
     * @throws IllegalArgumentException if type is not positive
     */
    public MessageBuffer setType(long type) {
        requireType(type);
        segment.set(ValueLayout.JAVA_LONG, 0, type);
        return this;
    }

    /**
     * Sets the length of the message in the buffer and keeps its type and bytes, such as after
     * writing it in place through {@link #msgbuf()}.
     *
     * @param length the message's length in bytes, 0 to {@link #capacity()}
     * @return this buffer
     * @throws IllegalArgumentException if length is negative or above the capacity
     */
    public MessageBuffer setLength(int length) {
        if (length < 0 || length > capacity) {
            throw new IllegalArgumentException("a message in this buffer has 0 to " + capacity + " bytes, not "
                    + length);
        }
        this.length = length;
        return this;
    }

    /** Sets the length after a receive wrote the struct. */
    void received(int bytes) {
        length = bytes;
    }

    static void requireType(long type) {
        if (type <= 0) {
            throw new IllegalArgumentException("a message type must be positive, was " + type);
        }
    }
}
