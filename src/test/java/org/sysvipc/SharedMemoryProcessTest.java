package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;

/** Shared memory between processes: atomics across processes and access checks for another user. */
class SharedMemoryProcessTest {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void twoProcessesIncrementOneCounterAtomically() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(Long.BYTES));
        String id = Integer.toString(memory.id());
        Process first = ChildJvm.start(SharedMemoryChild.class, "count", id, "100000");
        Process second = ChildJvm.start(SharedMemoryChild.class, "count", id, "100000");
        assertEquals("done", ChildJvm.await(first).strip());
        assertEquals("done", ChildJvm.await(second).strip());
        try (SharedMemory.Attachment attachment = memory.attachReadOnly()) {
            assertEquals(200_000L, (long) LONG.getVolatile(attachment.segment(), 0L));
        }
        assertEquals(0L, memory.stat().attachCount());
    }

    @Test
    void anotherUserIsDeniedUntilGrantedByGroup() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(4096));
        String id = Integer.toString(memory.id());
        try (SharedMemory.Attachment attachment = memory.attach()) {
            LONG.setVolatile(attachment.segment(), 0L, 41L);

            assertEquals("denied EACCES", ChildJvm.runAs(1000, 1000, SharedMemoryChild.class, "exchange", id).strip());
            assertEquals(0L, (long) LONG.getVolatile(attachment.segment(), 8L));

            memory.setPermissions(0, 1000, 0660);
            assertEquals("read 41", ChildJvm.runAs(1000, 1000, SharedMemoryChild.class, "exchange", id).strip());
            assertEquals(42L, (long) LONG.getVolatile(attachment.segment(), 8L));
        }
    }
}
