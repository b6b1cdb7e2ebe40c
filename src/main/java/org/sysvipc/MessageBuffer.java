package org.sysvipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.sysvipc.generated.msgbuf;
import org.sysvipc.internal.Errors;

/**
 * A native message buffer ({@code struct msgbuf}: a type, then the bytes) that the caller allocates
 * once and reuses, so that sending and receiving copy no Java arrays and allocate nothing.
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
    /** Where the bytes start, after the {@code long} type. */
    static final long PAYLOAD_OFFSET = msgbuf.mtext$offset();

    private final MemorySegment segment;
    /** Where the calls on this buffer capture errno: the buffer's own, since it serves one thread at a time. */
    private final MemorySegment callState;
    private final int capacity;
    private int length;

    private MessageBuffer(MemorySegment segment, MemorySegment callState, int capacity) {
        this.segment = segment;
        this.callState = callState;
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
        MessageBuffer buffer = new MessageBuffer(arena.allocate(PAYLOAD_OFFSET + capacity, Long.BYTES),
                arena.allocate(Errors.callStateLayout()), capacity);
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

    /** The whole native struct, for the calls. */
    MemorySegment struct() {
        return segment;
    }

    /** The segment the calls on this buffer capture errno into. */
    MemorySegment callState() {
        return callState;
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
