package org.sysvipc.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * Run by {@link IpcrmTest} in an IPC namespace of its own: makes a queue, a segment and a set of
 * its own and a queue it gives another user, runs {@code ipcrm ARG -v}, and prints
 * "name value" lines: the ids, the status, what ipcrm printed, and which objects still exist.
 */
public final class IpcrmAllMineChild {
    private IpcrmAllMineChild() {
    }

    public static void main(String[] args) {
        MessageQueue queue = MessageQueue.createPrivate();
        SharedMemory segment = SharedMemory.createPrivate(4096);
        SemaphoreSet set = SemaphoreSet.createPrivate(1);
        MessageQueue others = MessageQueue.createPrivate();
        others.setPermissions(IpcrmTest.OTHER_UID, IpcrmTest.OTHER_UID, 0600);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = Main.run(List.of("ipcrm", args[0], "-v"), new PrintStream(printed, true, StandardCharsets.UTF_8),
                System.err);
        System.out.println("queue " + queue.id());
        System.out.println("segment " + segment.id());
        System.out.println("set " + set.id());
        System.out.println("status " + status);
        System.out.println("printed " + printed.toString(StandardCharsets.UTF_8).lines().toList());
        System.out.println("exist " + exists(() -> MessageQueue.ofId(queue.id())) + " "
                + exists(() -> SharedMemory.ofId(segment.id())) + " " + exists(() -> SemaphoreSet.ofId(set.id())) + " "
                + exists(() -> MessageQueue.ofId(others.id())));
    }

    /** The "name value" lines main prints, by name. */
    static Map<String, String> parse(String out) {
        Map<String, String> values = new HashMap<>();
        for (String line : out.lines().toList()) {
            int space = line.indexOf(' ');
            values.put(line.substring(0, space), line.substring(space + 1));
        }
        return values;
    }

    private static boolean exists(Runnable lookup) {
        try {
            lookup.run();
            return true;
        } catch (IpcNotFoundException gone) {
            return false;
        }
    }
}
