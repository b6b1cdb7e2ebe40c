package org.sysvipc.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.sysvipc.IpcLimits;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.tools.IpcsTable.QueueRow;
import org.sysvipc.tools.IpcsTable.SegmentRow;
import org.sysvipc.tools.IpcsTable.SemaphoreSetRow;

/**
 * The {@code --json} forms of {@code ipcs} and {@code limits}: the same facts as the tables, named,
 * for programs. Keys are hexadecimal strings as ipcs prints them, access bits octal strings; an
 * owner or group the system has no name for is null beside its number.
 */
final class JsonReports {
    private JsonReports() {
    }

    /** {@return every object of the listing, by kind} */
    static String listing(List<QueueRow> queues, List<SegmentRow> segments, List<SemaphoreSetRow> sets,
            IntFunction<String> userName, IntFunction<String> groupName) {
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("messageQueues", queues.stream().map(q -> {
            Map<String, Object> object = common(q.key(), q.id(), q.uid(), q.gid(), q.mode(), userName, groupName);
            object.put("usedBytes", q.usedBytes());
            object.put("messages", q.messages());
            return object;
        }).toList());
        listing.put("sharedMemorySegments", segments.stream().map(s -> {
            Map<String, Object> object = common(s.key(), s.id(), s.uid(), s.gid(), s.mode(), userName, groupName);
            object.put("bytes", s.bytes());
            object.put("attachments", s.attachments());
            object.put("removed", (s.mode() & IpcsTable.SHM_DEST) != 0);
            object.put("locked", (s.mode() & IpcsTable.SHM_LOCKED) != 0);
            return object;
        }).toList());
        listing.put("semaphoreSets", sets.stream().map(s -> {
            Map<String, Object> object = common(s.key(), s.id(), s.uid(), s.gid(), s.mode(), userName, groupName);
            object.put("semaphores", s.semaphores());
            return object;
        }).toList());
        return Json.write(listing);
    }

    /** {@return the limits by their sysctl names, as {@code ipcs -l} shows them} */
    static String limits(IpcLimits limits) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msgmni", limits.msgmni());
        values.put("msgmax", limits.msgmax());
        values.put("msgmnb", limits.msgmnb());
        values.put("shmmni", limits.shmmni());
        values.put("shmmax", limits.shmmax());
        values.put("shmall", limits.shmall());
        values.put("semmni", limits.semmni());
        values.put("semmsl", limits.semmsl());
        values.put("semmns", limits.semmns());
        values.put("semopm", limits.semopm());
        values.put("semvmx", SemaphoreSet.MAX_VALUE);
        return Json.write(values);
    }

    private static Map<String, Object> common(int key, int id, int uid, int gid, int mode,
            IntFunction<String> userName, IntFunction<String> groupName) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", String.format("0x%08x", key));
        object.put("id", id);
        object.put("owner", userName.apply(uid));
        object.put("uid", Integer.toUnsignedLong(uid));
        object.put("group", groupName.apply(gid));
        object.put("gid", Integer.toUnsignedLong(gid));
        object.put("perms", Integer.toOctalString(mode & 0777));
        return object;
    }
}
