package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;

/**
 * Virtual threads blocked in the module's calls let their carriers go: a thousand of them wait on
 * a scheduler of two carriers, which could not grow (the JDK's own compensation for blocking calls
 * is capped at the same two), while other virtual threads still run; so do a hundred waiting to open
 * FIFOs, and then to read them.
 */
class VirtualThreadsTest {
    private static final List<String> TWO_CARRIERS = List.of("-Djdk.virtualThreadScheduler.parallelism=2",
            "-Djdk.virtualThreadScheduler.maxPoolSize=2");

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path fifos;

    @Test
    void aThousandBlockedVirtualThreadsLeaveTheCarriersToOthersAndEachGetsExactlyItsMessageOrUnit() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(500));
        String out = ChildJvm.await(ChildJvm.startWithOptions(TWO_CARRIERS, VirtualThreadsChild.class,
                Integer.toString(queue.id()), Integer.toString(set.id()), "500", fifos.toString(), "100"));
        assertTrue(out.contains("blocked 500 receivers and 500 acquirers"), out);
        assertTrue(out.contains("each got exactly its message or unit"), out);
        assertTrue(out.contains("blocked 100 FIFO opens, then 100 FIFO reads"), out);
        assertTrue(out.contains("each FIFO reader got its byte"), out);
        assertEquals(3, out.lines().filter("other virtual threads completed: 200"::equals).count(), out);
    }
}
