package org.sysvipc.channel;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where everything is in a channel's segment: the header's fields, the record's fields, and the
 * arithmetic on positions. {@code docs/channel.md} is the same layout in prose, with the memory
 * order of every access; the C implementation ({@code c/channel/sysv_channel.h}) defines the same
 * offsets. Integers are in the host's byte order, except the magic, which is eight ASCII bytes.
 */
final class Layout {
    /** The eight bytes {@code SYSVCHAN} at offset 0, read as a little-endian long. */
    static final long MAGIC = 0x4E41484356535953L;
    /** The layout version this code reads and writes. */
    static final int VERSION = 1;
    /** The header's size: the ring starts here. */
    static final int HEADER_SIZE = 1024;

    // -- identity (written once by the creator, magic last)
    static final long MAGIC_OFFSET = 0;
    static final long VERSION_OFFSET = 8;
    static final long HEADER_SIZE_OFFSET = 12;
    static final long CAPACITY_OFFSET = 16;
    static final long MAX_MESSAGE_OFFSET = 24;
    static final long RECORD_HEADER_OFFSET = 28;
    static final long SEMAPHORE_SET_OFFSET = 32;
    static final long KEY_OFFSET = 36;
    static final long CREATOR_PID_OFFSET = 40;
    static final long CREATED_OFFSET = 48;

    // -- producers' line: written under the claim lock
    static final long CLAIM_LOCK_OFFSET = 128;
    static final long TAIL_OFFSET = 136;
    static final long HEAD_CACHE_OFFSET = 144;
    static final long MESSAGES_SENT_OFFSET = 152;
    static final long BYTES_SENT_OFFSET = 160;

    // -- the consumer's line
    static final long HEAD_OFFSET = 256;
    static final long MESSAGES_RECEIVED_OFFSET = 264;
    static final long BYTES_RECEIVED_OFFSET = 272;
    static final long ABANDONED_OFFSET = 280;
    static final long CONSUMER_OFFSET = 288;
    static final long CONSUMER_START_OFFSET = 296;

    // -- the wake-up line: written only when a side goes to sleep or is woken
    static final long CONSUMER_SLEEPING_OFFSET = 384;
    static final long PRODUCERS_SLEEPING_OFFSET = 388;
    static final long REMOVED_OFFSET = 392;

    // -- counters of rare events, updated with atomic adds
    static final long FULL_RING_WAITS_OFFSET = 512;
    static final long CONSUMER_SLEEPS_OFFSET = 520;
    static final long PRODUCER_SLEEPS_OFFSET = 528;
    static final long WAKE_UPS_OFFSET = 536;
    static final long CONSUMER_TAKEOVERS_OFFSET = 544;
    static final long LOCK_BREAKS_OFFSET = 552;

    // -- a record, at a multiple of 8 in the ring
    static final int RECORD_LENGTH = 0;
    static final int RECORD_PID = 4;
    static final int RECORD_PID_NAMESPACE = 8;
    static final int RECORD_START_TIME = 12;
    static final int RECORD_TYPE = 16;
    /** The record header's size; the payload follows it. */
    static final int RECORD_HEADER = 24;
    /** Records start at multiples of this. */
    static final int ALIGNMENT = 8;

    /** The semaphore the consumer sleeps on, and the one producers sleep on. */
    static final int CONSUMER_SEMAPHORE = 0, PRODUCERS_SEMAPHORE = 1, SEMAPHORES = 2;

    static final int MIN_CAPACITY = 1024;
    static final int MAX_CAPACITY = 1 << 30;

    static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfLong MAGIC_LAYOUT = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Coordinates (MemorySegment, long offset): int and long access in every memory order. */
    static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private Layout() {
    }

    /** {@return the bytes a record with {@code payload} bytes occupies in the ring: header and payload, rounded up to 8} */
    static int recordSpace(int payload) {
        return align(RECORD_HEADER + payload);
    }

    /** {@return {@code length} rounded up to a multiple of {@link #ALIGNMENT}} */
    static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** {@return whether a ring of {@code capacity} bytes can hold messages of {@code maxMessage} bytes: two of the largest records fit} */
    static boolean fits(long capacity, long maxMessage) {
        return maxMessage >= 0 && maxMessage <= MAX_CAPACITY && 2L * align((int) (RECORD_HEADER + maxMessage)) <= capacity;
    }

    /** {@return why {@code capacity} and {@code maxMessage} cannot make a channel, or null if they can} */
    static String sizeProblem(long capacity, long maxMessage) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Long.bitCount(capacity) != 1) {
            return "the ring's capacity must be a power of two from " + MIN_CAPACITY + " to " + MAX_CAPACITY
                    + " bytes, was " + capacity;
        }
        if (!fits(capacity, maxMessage)) {
            return "a ring of " + capacity + " bytes holds messages of at most "
                    + ((capacity / 2) - RECORD_HEADER) + " bytes (two records of " + RECORD_HEADER
                    + " header bytes and the payload must fit), was " + maxMessage;
        }
        return null;
    }
}
