package org.sysvipc.channel;

import static org.sysvipc.channel.Layout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Writes a new channel's header, and checks an existing one before anything else reads it: every
 * size that the producers and the consumer later compute offsets from is checked here against the
 * segment's real size.
 */
final class ChannelHeader {
    /** The magic as a long in this host's byte order, for a release store and an acquire load. */
    static final long NATIVE_MAGIC = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? MAGIC : Long.reverseBytes(MAGIC);
    /** How long {@link #check} waits for a creator to finish a header. */
    static final long INIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * The values of a valid header.
     *
     * @param capacity       the ring's size in bytes
     * @param maxMessage     the largest payload
     * @param semaphoreSetId the id of the channel's semaphore set
     * @param key            the key the channel was created with, 0 if private
     */
    record Geometry(int capacity, int maxMessage, int semaphoreSetId, int key) {
    }

    private ChannelHeader() {
    }

    /** Writes the header of a new, zero-filled segment; the magic goes last, with release order. */
    static void initialize(MemorySegment segment, Geometry geometry, int creatorPid) {
        segment.set(ValueLayout.JAVA_INT, VERSION_OFFSET, VERSION);
        segment.set(ValueLayout.JAVA_INT, HEADER_SIZE_OFFSET, HEADER_SIZE);
        segment.set(ValueLayout.JAVA_LONG, CAPACITY_OFFSET, geometry.capacity());
        segment.set(ValueLayout.JAVA_INT, MAX_MESSAGE_OFFSET, geometry.maxMessage());
        segment.set(ValueLayout.JAVA_INT, RECORD_HEADER_OFFSET, RECORD_HEADER);
        segment.set(ValueLayout.JAVA_INT, SEMAPHORE_SET_OFFSET, geometry.semaphoreSetId());
        segment.set(ValueLayout.JAVA_INT, KEY_OFFSET, geometry.key());
        segment.set(ValueLayout.JAVA_INT, CREATOR_PID_OFFSET, creatorPid);
        segment.set(ValueLayout.JAVA_LONG, CREATED_OFFSET, System.currentTimeMillis() / 1000);
        LONG.setRelease(segment, MAGIC_OFFSET, NATIVE_MAGIC);
    }

    /**
     * Checks the header of {@code segment}, waiting up to {@code waitNanos} for a creator that is
     * still writing it (magic 0).
     *
     * @throws ChannelFormatException if it is not a channel's header
     */
    static Geometry check(MemorySegment segment, String subject, long waitNanos) {
        if (segment.byteSize() < HEADER_SIZE) {
            throw new ChannelFormatException(subject, "a segment of " + segment.byteSize()
                    + " bytes is too small for a channel's header of " + HEADER_SIZE + " bytes", 0);
        }
        long magic = awaitMagic(segment, waitNanos);
        if (magic == 0) {
            throw new ChannelFormatException(subject, "the header was never finished (magic 0): its creator died"
                    + " while making it, or the segment is not a channel's", MAGIC_OFFSET);
        }
        if (magic != NATIVE_MAGIC) {
            throw new ChannelFormatException(subject, String.format("the magic is 0x%016x, not the bytes \"SYSVCHAN\"",
                    segment.get(MAGIC_LAYOUT, MAGIC_OFFSET)), MAGIC_OFFSET);
        }
        int version = segment.get(ValueLayout.JAVA_INT, VERSION_OFFSET);
        if (version != VERSION) {
            throw new ChannelFormatException(subject, "layout version " + Integer.toUnsignedString(version)
                    + ", this library reads version " + VERSION, VERSION_OFFSET);
        }
        requireEqual(segment, subject, HEADER_SIZE_OFFSET, HEADER_SIZE, "header size");
        requireEqual(segment, subject, RECORD_HEADER_OFFSET, RECORD_HEADER, "record header size");
        long capacity = segment.get(ValueLayout.JAVA_LONG, CAPACITY_OFFSET);
        long maxMessage = Integer.toUnsignedLong(segment.get(ValueLayout.JAVA_INT, MAX_MESSAGE_OFFSET));
        String problem = sizeProblem(capacity, maxMessage);
        if (problem != null) {
            long offset = problem.startsWith("the ring's capacity") ? CAPACITY_OFFSET : MAX_MESSAGE_OFFSET;
            throw new ChannelFormatException(subject, problem, offset);
        }
        if (HEADER_SIZE + capacity > segment.byteSize()) {
            throw new ChannelFormatException(subject, "a ring of " + capacity + " bytes after the header needs "
                    + (HEADER_SIZE + capacity) + " bytes, the segment has " + segment.byteSize(), CAPACITY_OFFSET);
        }
        int semaphoreSetId = segment.get(ValueLayout.JAVA_INT, SEMAPHORE_SET_OFFSET);
        if (semaphoreSetId < 0) {
            throw new ChannelFormatException(subject, "semaphore set id " + semaphoreSetId, SEMAPHORE_SET_OFFSET);
        }
        return new Geometry((int) capacity, (int) maxMessage, semaphoreSetId,
                segment.get(ValueLayout.JAVA_INT, KEY_OFFSET));
    }

    private static long awaitMagic(MemorySegment segment, long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            long magic = (long) LONG.getAcquire(segment, MAGIC_OFFSET);
            if (magic != 0 || System.nanoTime() - deadline >= 0) {
                return magic;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static void requireEqual(MemorySegment segment, String subject, long offset, int expected, String what) {
        int found = segment.get(ValueLayout.JAVA_INT, offset);
        if (found != expected) {
            throw new ChannelFormatException(subject, what + " " + Integer.toUnsignedString(found) + ", version "
                    + VERSION + " has " + expected, offset);
        }
    }
}
