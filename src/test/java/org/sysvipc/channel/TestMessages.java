package org.sysvipc.channel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages the channel tests send, the same in Java and in {@code channel_peer.c}: producer
 * {@code p}'s {@code k}-th message (from 1) has type {@code p * 2^32 + k}, length
 * {@code (k * 37 + p) % (max + 1)} and byte {@code j} equal to {@code p * 131 + k * 31 + j * 7};
 * a producer's checksum is FNV-1a 64 over each message's type (8 bytes, little-endian), length
 * (4 bytes) and bytes, in order.
 */
final class TestMessages {
    static final long FNV_START = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TestMessages() {
    }

    static long type(int producer, long k) {
        return ((long) producer << 32) + k;
    }

    static int length(int producer, long k, int max) {
        return (int) ((k * 37 + producer) % (max + 1));
    }

    /** Fills {@code bytes} with message k of the producer and returns its length. */
    static int fill(byte[] bytes, int producer, long k, int max) {
        int length = length(producer, k, max);
        for (int j = 0; j < length; j++) {
            bytes[j] = (byte) (producer * 131 + k * 31 + j * 7);
        }
        return length;
    }

    static long account(long hash, long type, MemorySegment message) {
        for (int i = 0; i < 8; i++) {
            hash = (hash ^ ((type >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        long length = message.byteSize();
        for (int i = 0; i < 4; i++) {
            hash = (hash ^ ((length >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        for (long j = 0; j < length; j++) {
            hash = (hash ^ (message.get(ValueLayout.JAVA_BYTE, j) & 0xff)) * FNV_PRIME;
        }
        return hash;
    }

    /** The checksum of producer p's first {@code count} messages. */
    static long checksum(int producer, long count, int max) {
        byte[] bytes = new byte[max];
        long hash = FNV_START;
        for (long k = 1; k <= count; k++) {
            int length = fill(bytes, producer, k, max);
            hash = account(hash, type(producer, k), MemorySegment.ofArray(bytes).asSlice(0, length));
        }
        return hash;
    }

    /**
     * A consumer's tally: per producer, how many messages arrived in order and their checksum;
     * fails on a message out of order or with the wrong bytes.
     */
    static final class Tally implements MessageHandler {
        final Map<Integer, long[]> producers = new TreeMap<>(); // {count, checksum}
        private final int max;
        private final byte[] expected;
        /** Whether a message may arrive again (the one in flight when a consumer died). */
        private final boolean allowRepeat;
        long repeats;

        Tally(int max, boolean allowRepeat) {
            this.max = max;
            this.expected = new byte[max];
            this.allowRepeat = allowRepeat;
        }

        @Override
        public void onMessage(long type, MemorySegment message) {
            int producer = (int) (type >>> 32);
            long k = type & 0xFFFFFFFFL;
            long[] state = producers.computeIfAbsent(producer, p -> new long[] {0, FNV_START});
            if (allowRepeat && k == state[0]) {
                repeats++;
                return;
            }
            if (k != state[0] + 1) {
                throw new AssertionError("message " + k + " of producer " + producer + " after " + state[0]);
            }
            int length = fill(expected, producer, k, max);
            if (message.byteSize() != length
                    || message.mismatch(MemorySegment.ofArray(expected).asSlice(0, length)) != -1) {
                throw new AssertionError("message " + k + " of producer " + producer + " has the wrong bytes");
            }
            state[0] = k;
            state[1] = account(state[1], type, message);
        }

        long count(int producer) {
            long[] state = producers.get(producer);
            return state == null ? 0 : state[0];
        }

        long total() {
            return producers.values().stream().mapToLong(state -> state[0]).sum();
        }

        /** {@code producer <p> <count> <checksum>} lines, as channel_peer prints them. */
        String lines() {
            StringBuilder text = new StringBuilder();
            producers.forEach((p, state) -> text.append(String.format("producer %d %d %016x%n", p, state[0], state[1])));
            return text.toString();
        }
    }
}
