package org.sysvipc.channel;

import static org.sysvipc.channel.Layout.*;

import java.lang.foreign.MemorySegment;

/**
 * A channel's counters and state as its header holds them, read by {@link Channel#stats()} or, from
 * any process that may read the segment, {@link Channel#statsOf(org.sysvipc.SharedMemory)}. The
 * fields are read one by one while the channel runs, so they need not agree with each other
 * exactly (a message may be counted received but not yet sent).
 *
 * @param segmentId        the id of the channel's shared memory segment
 * @param semaphoreSetId   the id of its semaphore set
 * @param capacity         the ring's size in bytes
 * @param maxMessageSize   the most bytes a message may have
 * @param messagesSent     messages claimed by producers since the channel was created (a producer
 *                         killed in the middle of its claim may leave an abandoned record not counted here)
 * @param bytesSent        their payload bytes
 * @param messagesReceived messages handed to a consumer
 * @param bytesReceived    their payload bytes
 * @param pendingBytes     ring bytes claimed and not yet consumed (records with their headers)
 * @param fullRingWaits    sends that found the ring full
 * @param consumerSleeps   times the consumer slept on its semaphore
 * @param producerSleeps   times a producer slept on the producers' semaphore
 * @param wakeUps          semaphore posts that woke a sleeping side: the system calls the wakers made
 * @param abandonedRecords records whose producer died while writing them, skipped by the consumer
 * @param consumerPid      the pid of the consumer's process (in its PID namespace), 0 if none
 * @param consumerTakeovers consumers that replaced one whose process had died
 * @param lockBreaks       claim locks taken from a producer that died holding one
 * @param removed          whether the channel was removed
 */
public record ChannelStats(int segmentId, int semaphoreSetId, int capacity, int maxMessageSize,
        long messagesSent, long bytesSent, long messagesReceived, long bytesReceived, long pendingBytes,
        long fullRingWaits, long consumerSleeps, long producerSleeps, long wakeUps, long abandonedRecords,
        int consumerPid, long consumerTakeovers, long lockBreaks, boolean removed) {

    /** Reads the counters of a checked header. */
    static ChannelStats read(MemorySegment segment, int segmentId, ChannelHeader.Geometry geometry) {
        long head = read(segment, HEAD_OFFSET);
        long tail = read(segment, TAIL_OFFSET);
        return new ChannelStats(segmentId, geometry.semaphoreSetId(), geometry.capacity(), geometry.maxMessage(),
                read(segment, MESSAGES_SENT_OFFSET), read(segment, BYTES_SENT_OFFSET),
                read(segment, MESSAGES_RECEIVED_OFFSET), read(segment, BYTES_RECEIVED_OFFSET),
                Math.max(0, tail - head), read(segment, FULL_RING_WAITS_OFFSET),
                read(segment, CONSUMER_SLEEPS_OFFSET), read(segment, PRODUCER_SLEEPS_OFFSET),
                read(segment, WAKE_UPS_OFFSET), read(segment, ABANDONED_OFFSET),
                ProcessIdentity.pidOf(read(segment, CONSUMER_OFFSET)), read(segment, CONSUMER_TAKEOVERS_OFFSET),
                read(segment, LOCK_BREAKS_OFFSET), (int) INT.getAcquire(segment, REMOVED_OFFSET) != 0);
    }

    private static long read(MemorySegment segment, long offset) {
        return (long) LONG.getAcquire(segment, offset);
    }
}
