package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.sysvipc.MessageBuffer;

/**
 * A ring of messages in a shared-memory segment, guarded by a semaphore lock ({@code SEM_UNDO})
 * that every caller holds: producers append at the tail, consumers take from the head.
 *
 * <p>Each change becomes visible through one release store of the tail or the head, made after
 * the slot is written or read. So a process killed at any point with the lock in hand leaves the
 * ring whole: the kernel gives the lock back, and the next holder sees all of the change or none
 * of it. The lock's semop is a full barrier, so the other fields need no ordering of their own.
 *
 * <p>Layout: a header of magic, generation, capacity, head and tail (longs), then {@code capacity}
 * slots of a length (long) and up to {@link SoakMessage#MAX_BYTES} bytes.
 */
final class SharedRing {
    private static final long MAGIC = 0x534F_414B_5249_4E47L; // "SOAKRING"
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long MAGIC_AT = 0, GENERATION = 8, CAPACITY = 16, HEAD = 24, TAIL = 32;
    private static final long HEADER_BYTES = 64;
    private static final long SLOT_BYTES = Long.BYTES + SoakMessage.MAX_BYTES;

    private final MemorySegment ring;
    private final long capacity;

    private SharedRing(MemorySegment ring, long capacity) {
        this.ring = ring;
        this.capacity = capacity;
    }

    /** {@return the bytes a ring of {@code capacity} messages takes} */
    static long bytes(int capacity) {
        return HEADER_BYTES + capacity * SLOT_BYTES;
    }

    /** Makes {@code segment} an empty ring of {@code capacity} messages, of {@code generation}. */
    static SharedRing format(MemorySegment segment, int capacity, long generation) {
        if (capacity < 1 || segment.byteSize() < bytes(capacity)) {
            throw new IllegalArgumentException("no ring of " + capacity + " messages fits " + segment.byteSize() + " bytes");
        }
        segment.asSlice(0, HEADER_BYTES).fill((byte) 0);
        segment.set(ValueLayout.JAVA_LONG, GENERATION, generation);
        segment.set(ValueLayout.JAVA_LONG, CAPACITY, capacity);
        LONG.setRelease(segment, MAGIC_AT, MAGIC);
        return new SharedRing(segment, capacity);
    }

    /** {@return the ring {@link #format} made in {@code segment}} */
    static SharedRing in(MemorySegment segment) {
        long capacity = segment.byteSize() < HEADER_BYTES ? 0 : segment.get(ValueLayout.JAVA_LONG, CAPACITY);
        if (segment.byteSize() < HEADER_BYTES || (long) LONG.getAcquire(segment, MAGIC_AT) != MAGIC
                || capacity < 1 || capacity > (segment.byteSize() - HEADER_BYTES) / SLOT_BYTES) {
            throw new IllegalArgumentException("the segment holds no soak ring");
        }
        return new SharedRing(segment, capacity);
    }

    /** {@return the generation the soak gave this ring when it made it} */
    long generation() {
        return ring.get(ValueLayout.JAVA_LONG, GENERATION);
    }

    /** {@return how many messages the ring holds} */
    long size() {
        return ring.get(ValueLayout.JAVA_LONG, TAIL) - ring.get(ValueLayout.JAVA_LONG, HEAD);
    }

    /** Appends {@code message} if there is room; returns whether it did. Hold the lock. */
    boolean offer(MemorySegment message) {
        if (message.byteSize() > SoakMessage.MAX_BYTES) {
            throw new IllegalArgumentException("a message of " + message.byteSize() + " bytes does not fit a ring slot");
        }
        long tail = ring.get(ValueLayout.JAVA_LONG, TAIL);
        if (tail - ring.get(ValueLayout.JAVA_LONG, HEAD) >= capacity) {
            return false;
        }
        MemorySegment slot = slot(tail);
        slot.set(ValueLayout.JAVA_LONG, 0, message.byteSize());
        MemorySegment.copy(message, 0, slot, Long.BYTES, message.byteSize());
        LONG.setRelease(ring, TAIL, tail + 1); // the commit: last
        return true;
    }

    /**
     * Copies the oldest message into {@code into} as a message of type 1 and takes it off the
     * ring; returns false if the ring is empty. Hold the lock.
     *
     * @throws IllegalStateException if the slot's length is not a message's; the message stays
     */
    boolean poll(MessageBuffer into) {
        long head = ring.get(ValueLayout.JAVA_LONG, HEAD);
        if (ring.get(ValueLayout.JAVA_LONG, TAIL) == head) {
            return false;
        }
        MemorySegment slot = slot(head);
        long length = slot.get(ValueLayout.JAVA_LONG, 0);
        if (length < 0 || length > SoakMessage.MAX_BYTES) {
            throw new IllegalStateException("ring slot " + head % capacity + " claims " + length + " bytes");
        }
        into.set(1, slot.asSlice(Long.BYTES, length));
        LONG.setRelease(ring, HEAD, head + 1); // the commit: last
        return true;
    }

    private MemorySegment slot(long position) {
        return ring.asSlice(HEADER_BYTES + position % capacity * SLOT_BYTES, SLOT_BYTES);
    }
}
