package org.sysvipc.tools;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Formats System V IPC objects as {@code ipcs(1)} (util-linux) prints them, from plain rows, so
 * that any listing source can feed it.
 */
final class IpcsTable {
    /** {@code SHM_DEST}: the segment was removed and goes with its last detach. */
    static final int SHM_DEST = 01000;
    /** {@code SHM_LOCKED}: the segment is locked in memory. */
    static final int SHM_LOCKED = 02000;

    /**
     * A message queue.
     *
     * @param key       its key, 0 for {@code IPC_PRIVATE}
     * @param id        its id
     * @param uid       its owner
     * @param gid       its owner's group
     * @param mode      its access bits
     * @param usedBytes bytes in the queue ({@code msg_cbytes})
     * @param messages  messages in the queue ({@code msg_qnum})
     */
    record QueueRow(int key, int id, int uid, int gid, int mode, long usedBytes, long messages) {
    }

    /**
     * A shared memory segment.
     *
     * @param key         its key
     * @param id          its id
     * @param uid         its owner
     * @param gid         its owner's group
     * @param mode        its access bits with {@link #SHM_DEST} and {@link #SHM_LOCKED}
     * @param bytes       its size
     * @param attachments how many attachments it has ({@code shm_nattch})
     */
    record SegmentRow(int key, int id, int uid, int gid, int mode, long bytes, long attachments) {
    }

    /**
     * A semaphore set.
     *
     * @param key        its key
     * @param id         its id
     * @param uid        its owner
     * @param gid        its owner's group
     * @param mode       its access bits
     * @param semaphores how many semaphores it has
     */
    record SemaphoreSetRow(int key, int id, int uid, int gid, int mode, int semaphores) {
    }

    /**
     * A segment that holds an {@link org.sysvipc.channel.Channel}.
     *
     * @param segmentId        the segment's id
     * @param semaphoreSetId   the id of the channel's semaphore set
     * @param capacity         the ring's size in bytes
     * @param maxMessage       the largest message in bytes
     * @param pendingBytes     ring bytes sent and not yet consumed
     * @param messagesSent     messages sent since the channel was made
     * @param messagesReceived messages consumed
     * @param abandoned        records of killed producers that the consumer skipped
     * @param consumerPid      the consumer's pid, 0 if none
     */
    record ChannelRow(int segmentId, int semaphoreSetId, int capacity, int maxMessage, long pendingBytes,
            long messagesSent, long messagesReceived, long abandoned, int consumerPid) {
    }

    private IpcsTable() {
    }

    /**
     * Formats the three tables of {@link #format(List, List, List, IntFunction)}, then, if there are
     * channels, a fourth that lists them, which ipcs(1) does not have.
     */
    static String format(List<QueueRow> queues, List<SegmentRow> segments, List<SemaphoreSetRow> sets,
            List<ChannelRow> channels, IntFunction<String> userName) {
        StringBuilder text = new StringBuilder(format(queues, segments, sets, userName));
        if (!channels.isEmpty()) {
            text.append("------ Channels (shared memory segment and semaphore set) --------\n");
            line(text, "%-10s %-10s %-10s %-10s %-10s %-12s %-12s %-10s %-10s", "shmid", "semid", "capacity",
                    "max-msg", "pending", "sent", "received", "abandoned", "consumer");
            for (ChannelRow c : channels) {
                line(text, "%-10d %-10d %-10d %-10d %-10d %-12d %-12d %-10d %-10s", c.segmentId(), c.semaphoreSetId(),
                        c.capacity(), c.maxMessage(), c.pendingBytes(), c.messagesSent(), c.messagesReceived(),
                        c.abandoned(), c.consumerPid() == 0 ? "-" : Integer.toString(c.consumerPid()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Formats the three tables in ipcs's order, with its headers and column widths (trailing
     * blanks trimmed).
     *
     * @param userName the owner's name for a uid, or null if it has none (then the uid is shown)
     */
    static String format(List<QueueRow> queues, List<SegmentRow> segments, List<SemaphoreSetRow> sets,
            IntFunction<String> userName) {
        StringBuilder text = new StringBuilder("\n");
        text.append("------ Message Queues --------\n");
        line(text, "%-10s %-10s %-10s %-10s %-12s %-12s", "key", "msqid", "owner", "perms", "used-bytes", "messages");
        for (QueueRow q : queues) {
            line(text, "0x%08x %-10d %-10.10s %-10o %-12d %-12d",
                    q.key(), q.id(), owner(q.uid(), userName), q.mode() & 0777, q.usedBytes(), q.messages());
        }
        text.append("\n------ Shared Memory Segments --------\n");
        line(text, "%-10s %-10s %-10s %-10s %-10s %-10s %-12s", "key", "shmid", "owner", "perms", "bytes", "nattch",
                "status");
        for (SegmentRow s : segments) {
            line(text, "0x%08x %-10d %-10.10s %-10o %-10d %-10d %-6s %-6s",
                    s.key(), s.id(), owner(s.uid(), userName), s.mode() & 0777, s.bytes(), s.attachments(),
                    (s.mode() & SHM_DEST) != 0 ? "dest" : "", (s.mode() & SHM_LOCKED) != 0 ? "locked" : "");
        }
        text.append("\n------ Semaphore Arrays --------\n");
        line(text, "%-10s %-10s %-10s %-10s %-10s", "key", "semid", "owner", "perms", "nsems");
        for (SemaphoreSetRow s : sets) {
            line(text, "0x%08x %-10d %-10.10s %-10o %-10d",
                    s.key(), s.id(), owner(s.uid(), userName), s.mode() & 0777, s.semaphores());
        }
        return text.append('\n').toString();
    }

    private static String owner(int uid, IntFunction<String> userName) {
        String name = userName.apply(uid);
        return name != null ? name : Integer.toUnsignedString(uid);
    }

    private static void line(StringBuilder text, String format, Object... values) {
        text.append(String.format(format, values).stripTrailing()).append('\n');
    }
}
