package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;

/**
 * {@code setPermissions} and {@code setMaxBytes} need what C's {@code IPC_SET} needs, ownership,
 * and nothing more: no read access first. The caller is an unprivileged child (uid 1000), since
 * root's CAP_IPC_OWNER would pass every check.
 */
class SetPermissionsTest {
    private static final int UNPRIVILEGED = 1000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void anOwnerChangesItsObjectsWhoseModeIsZero() {
        String out = ChildJvm.runAs(UNPRIVILEGED, UNPRIVILEGED, SetPermissionsChild.class,
                "own", Integer.toString(UNPRIVILEGED));
        removeWhatTheChildLeft(out);
        assertEquals(List.of("queue mode 640", "set mode 640", "segment mode 640", "queue maxBytes 4096"),
                out.lines().filter(line -> !line.startsWith("created ")).toList(), out);
    }

    @Test
    void anotherUsersObjectIsRefusedWithEperm() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(16));
        long maxBytes = queue.stat().maxBytes();

        String out = ChildJvm.runAs(UNPRIVILEGED, UNPRIVILEGED, SetPermissionsChild.class, "foreign",
                Integer.toString(UNPRIVILEGED), Integer.toString(queue.id()), Integer.toString(set.id()),
                Integer.toString(memory.id()));
        assertEquals(List.of(
                "queue setPermissions IpcPermissionDeniedException EPERM",
                "queue setMaxBytes IpcPermissionDeniedException EPERM",
                "set setPermissions IpcPermissionDeniedException EPERM",
                "segment setPermissions IpcPermissionDeniedException EPERM"), out.lines().toList());
        assertEquals(0600, queue.stat().permissions().accessBits());
        assertEquals(maxBytes, queue.stat().maxBytes());
        assertEquals(0600, set.stat().permissions().accessBits());
        assertEquals(0600, memory.stat().permissions().accessBits());
    }

    /** Removes the objects the child reported creating, should it have failed before removing them. */
    private static void removeWhatTheChildLeft(String out) {
        for (String line : out.lines().filter(line -> line.startsWith("created ")).toList()) {
            String[] words = line.split(" ");
            int id = Integer.parseInt(words[2]);
            try {
                switch (words[1]) {
                    case "queue" -> MessageQueue.ofId(id).remove();
                    case "set" -> SemaphoreSet.ofId(id).remove();
                    default -> SharedMemory.ofId(id).remove();
                }
            } catch (IpcNotFoundException | IpcRemovedException alreadyRemoved) {
                // the child removed it, as it should
            }
        }
    }
}
