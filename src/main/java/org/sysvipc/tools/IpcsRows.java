package org.sysvipc.tools;

import java.util.List;
import org.sysvipc.IpcListing;
import org.sysvipc.IpcPermissions;
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

    static List<SemaphoreSetRow> semaphoreSets() {
        return IpcListing.semaphoreSets().stream().map(entry -> {
            IpcPermissions perm = entry.stat().permissions();
            return new SemaphoreSetRow(perm.key().value(), entry.id(), perm.uid(), perm.gid(), perm.mode(),
                    entry.stat().count());
        }).toList();
    }
}
