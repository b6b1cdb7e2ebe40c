package org.sysvipc.tools;

import java.util.List;
import java.util.Optional;
import org.sysvipc.IpcException;
import org.sysvipc.IpcListing;
import org.sysvipc.IpcPermissions;
import org.sysvipc.SharedMemory;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelStats;
import org.sysvipc.tools.IpcsTable.ChannelRow;
import org.sysvipc.tools.IpcsTable.QueueRow;
import org.sysvipc.tools.IpcsTable.SegmentRow;
import org.sysvipc.tools.IpcsTable.SemaphoreSetRow;

/** The rows {@link IpcsTable} shows, from {@link IpcListing}: every object of this IPC namespace. */
final class IpcsRows {
    private IpcsRows() {
    }

    static List<QueueRow> queues() {
        return IpcListing.messageQueues().stream().map(entry -> {
            IpcPermissions perm = entry.stat().permissions();
            return new QueueRow(perm.key().value(), entry.id(), perm.uid(), perm.gid(), perm.mode(),
                    entry.stat().currentBytes(), entry.stat().messageCount());
        }).toList();
    }

    static List<SegmentRow> segments() {
        return IpcListing.sharedMemory().stream().map(entry -> {
            IpcPermissions perm = entry.stat().permissions();
            // a segment's mode carries its status bits, SHM_DEST and SHM_LOCKED, above the access bits
            return new SegmentRow(perm.key().value(), entry.id(), perm.uid(), perm.gid(), perm.mode(),
                    entry.stat().size(), entry.stat().attachCount());
        }).toList();
    }

    /**
     * The segments that hold a channel. Only segments of a channel's size (a 1024-byte header and
     * a ring of a power of two) are attached, read-only and briefly, to read their header; like any
     * attach, that sets the segment's last-attach time and pid.
     */
    static List<ChannelRow> channels() {
        return IpcListing.sharedMemory().stream()
                .filter(entry -> channelSized(entry.stat().size()))
                .map(entry -> statsOf(entry.id()))
                .flatMap(Optional::stream)
                .map(stats -> new ChannelRow(stats.segmentId(), stats.semaphoreSetId(), stats.capacity(),
                        stats.maxMessageSize(), stats.pendingBytes(), stats.messagesSent(), stats.messagesReceived(),
                        stats.abandonedRecords(), stats.consumerPid()))
                .toList();
    }

    static boolean channelSized(long size) {
        long ring = size - 1024;
        return ring >= 1024 && Long.bitCount(ring) == 1;
    }

    private static Optional<ChannelStats> statsOf(int segmentId) {
        try {
            return Channel.statsOf(SharedMemory.ofId(segmentId));
        } catch (IpcException gone) {
            return Optional.empty(); // removed since the listing, or not readable
        }
    }

    static List<SemaphoreSetRow> semaphoreSets() {
        return IpcListing.semaphoreSets().stream().map(entry -> {
            IpcPermissions perm = entry.stat().permissions();
            return new SemaphoreSetRow(perm.key().value(), entry.id(), perm.uid(), perm.gid(), perm.mode(),
                    entry.stat().count());
        }).toList();
    }
}
