package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcObject;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.generated.aarch64.msqid_ds;
import org.sysvipc.internal.ErrnoNumbers;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.testing.IpcCleanup;

/**
 * What qemu-user 7.2 (Debian 12's qemu-user-static, which runs the arm64 container here) does not
 * do as an aarch64 kernel does, shown on the calls themselves. {@link Arm64ContainerTest} leaves
 * out the tests that need these ({@code Requires.STAT_ANY}, {@code Requires.MSG_PIDS}), and
 * NativeLayoutTest keeps checking the same constants and struct against gcc for aarch64. Each
 * check fails once qemu does it right, saying which exclusion to drop. Not a host test.
 */
class QemuUserGaps {
    /** An id's index in the kernel's table: its low 15 bits, or 24 with ipcmni_extend (as IpcKind tries). */
    private static final List<Integer> INDEX_MASKS = List.of(0x7fff, 0xffffff);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /**
     * qemu's do_msgctl, do_semctl and do_shmctl know IPC_STAT and *_STAT but not the *_STAT_ANY
     * commands (Linux 4.17), and answer EINVAL: the listing finds nothing, and looking an object up
     * by id falls back to IPC_STAT, which needs read permission.
     */
    @Test
    void theStatAnyCommandsAreNotTranslated() {
        assertStatAnyRefused(IpcKind.MESSAGE_QUEUE, cleanup.add(MessageQueue.createPrivate()));
        assertStatAnyRefused(IpcKind.SEMAPHORE_SET, cleanup.add(SemaphoreSet.createPrivate(1)));
        assertStatAnyRefused(IpcKind.SHARED_MEMORY, cleanup.add(SharedMemory.createPrivate(4096)));
    }

    private static void assertStatAnyRefused(IpcKind<?> kind, IpcObject object) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = kind.allocateState(arena);
            assertEquals(0, kind.stat(object.id(), state), kind.controlCall() + "(IPC_STAT) works");
            for (int mask : INDEX_MASKS) {
                assertEquals(-ErrnoNumbers.EINVAL, kind.statAtIndex(object.id() & mask, state),
                        "qemu-user now translates " + kind.controlCall() + "'s *_STAT_ANY: drop Requires.STAT_ANY from"
                                + " Arm64ContainerTest.EXCLUDED");
            }
        }
    }

    /**
     * qemu's target_msqid_ds declares msg_lspid and msg_lrpid unsigned long (a kernel's and
     * glibc's are 4-byte pid_t, at 96 and 100 on aarch64, as gcc says in NativeLayoutTest): it
     * writes the sender's pid as 8 bytes over both fields and the receiver's 4 bytes further on.
     * Fixed upstream in 2025 ("linux-user: ... msg_lspid and msg_lrpid members are of type pid_t"),
     * not in qemu 7.2.
     */
    @Test
    void msgctlWritesTheLastPidsAsEightByteFields() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.send(1, new byte[] {1});
        queue.receive(0);
        int pid = (int) ProcessHandle.current().pid();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = IpcKind.MESSAGE_QUEUE.allocateState(arena);
            assertEquals(0, IpcKind.MESSAGE_QUEUE.stat(queue.id(), state));
            assertEquals(100, msqid_ds.msg_lrpid$offset(), "glibc's aarch64 msqid_ds");
            assertEquals(pid, state.get(ValueLayout.JAVA_INT, msqid_ds.msg_lspid$offset()), "msg_lspid");
            String fixed = "qemu-user now writes msg_lrpid where glibc has it: drop Requires.MSG_PIDS from"
                    + " Arm64ContainerTest.EXCLUDED";
            assertEquals(0, state.get(ValueLayout.JAVA_INT, msqid_ds.msg_lrpid$offset()), fixed);
            assertEquals(pid, state.get(ValueLayout.JAVA_INT, msqid_ds.msg_lrpid$offset() + 4), fixed);
        }
    }
}
