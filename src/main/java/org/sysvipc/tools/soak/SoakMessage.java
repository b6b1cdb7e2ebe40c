package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.CRC32C;

/**
 * The soak's messages: an id, the time the producer first sent it and a payload, sealed by a
 * CRC-32C checksum, so that whoever receives one can tell whose it is and that it is whole.
 *
 * <p>Layout, in the machine's byte order: the id (long) at 0, the send time ({@link System#nanoTime()},
 * which is {@code CLOCK_MONOTONIC} and so comparable between processes) at 8, the payload's length
 * (int) at 16, the checksum of all the other bytes (int) at 20, the payload from 24. The id is the
 * producer's number in its high half and the message's sequence number, from 1, in its low half.
 * The payload's length and bytes follow from the id, so that messages vary in size.
 */
final class SoakMessage {
    static final int HEADER_BYTES = 24;
    /** The longest message: header and payload. */
    static final int MAX_BYTES = 256;
    static final int MAX_PAYLOAD = MAX_BYTES - HEADER_BYTES;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final long SENT = 8, PAYLOAD_LENGTH = 16, CHECKSUM = 20;

    private SoakMessage() {
    }

    /** {@return the id of message {@code sequence} of producer {@code producer}} */
    static long id(int producer, long sequence) {
        if (producer <= 0 || sequence <= 0 || sequence > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("no message id for producer " + producer + ", sequence " + sequence);
        }
        return (long) producer << 32 | sequence;
    }

    static int producer(long id) {
        return (int) (id >>> 32);
    }

    static long sequence(long id) {
        return id & 0xFFFF_FFFFL;
    }

    /** {@return an id as people read it, such as {@code 3/17} for producer 3's 17th message} */
    static String describe(long id) {
        return producer(id) + "/" + sequence(id);
    }

    /**
     * Writes message {@code id}, stamped {@code sentNanos}, at the start of {@code into}.
     *
     * @return the message's length in bytes
     */
    static int write(MemorySegment into, long id, long sentNanos) {
        int payload = payloadLength(id);
        into.set(LONG, 0, id);
        into.set(LONG, SENT, sentNanos);
        into.set(INT, PAYLOAD_LENGTH, payload);
        long bits = id * 0x9E37_79B9_7F4A_7C15L;
        for (int i = 0; i < payload; i++) {
            bits ^= bits << 13;
            bits ^= bits >>> 7;
            bits ^= bits << 17;
            into.set(ValueLayout.JAVA_BYTE, HEADER_BYTES + i, (byte) bits);
        }
        into.set(INT, CHECKSUM, checksum(into, payload));
        return HEADER_BYTES + payload;
    }

    /** {@return the id of the message at the start of {@code message}, whole or not; 0 if it is too short to have one} */
    static long idOf(MemorySegment message) {
        return message.byteSize() < Long.BYTES ? 0 : message.get(LONG, 0);
    }

    static long sentNanosOf(MemorySegment message) {
        return message.get(LONG, SENT);
    }

    /** {@return whether {@code message}, {@code length} bytes as received, has its header's length and checksum} */
    static boolean isIntact(MemorySegment message, long length) {
        if (length < HEADER_BYTES || length > MAX_BYTES || message.byteSize() < length) {
            return false;
        }
        int payload = message.get(INT, PAYLOAD_LENGTH);
        return payload == length - HEADER_BYTES && message.get(INT, CHECKSUM) == checksum(message, payload);
    }

    /** Flips a bit of the send time but leaves the checksum: a corruption the receiver must notice. */
    static void corrupt(MemorySegment message) {
        message.set(ValueLayout.JAVA_BYTE, SENT, (byte) (message.get(ValueLayout.JAVA_BYTE, SENT) ^ 1));
    }

    private static int payloadLength(long id) {
        long mixed = (id ^ id >>> 29) * 0xBF58_476D_1CE4_E5B9L;
        return (int) Long.remainderUnsigned(mixed ^ mixed >>> 32, MAX_PAYLOAD + 1);
    }

    private static int checksum(MemorySegment message, int payload) {
        CRC32C crc = new CRC32C();
        crc.update(message.asSlice(0, CHECKSUM).asByteBuffer());
        crc.update(message.asSlice(HEADER_BYTES, payload).asByteBuffer());
        return (int) crc.getValue();
    }
}
