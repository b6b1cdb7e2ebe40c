package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.SemaphoreTestSupport.awaitTrue;
import static org.sysvipc.SemaphoreTestSupport.result;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/** Semaphore sets shared with other processes, run as child JVMs of {@link SemaphoreChild}. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreSetProcessTest {
    /** The unprivileged user and group the denied side runs as. */
    private static final int OTHER_ID = 1000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void theKernelReleasesTheLockOfAKilledHolder() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        Process holder = ChildJvm.start(SemaphoreChild.class, "lock", String.valueOf(set.id()));
        try {
            BufferedReader out = reader(holder);
            assertEquals("locked", out.readLine());
            assertEquals(holder.pid(), set.lastPid(0));
            assertNull(set.tryLock(0), "the child holds the lock");
            holder.destroyForcibly(); // SIGKILL: no Java code of the child runs
            holder.waitFor(SemaphoreTestSupport.PATIENCE_SECONDS, TimeUnit.SECONDS);
            try (SemaphoreLock lock = set.tryLock(0, Duration.ofSeconds(SemaphoreTestSupport.PATIENCE_SECONDS))) {
                assertNotNull(lock, "the kernel undid the dead child's lock");
                assertEquals(0, set.getValue(0));
            }
            assertEquals(1, set.getValue(0));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void undoIsAppliedAtExitAndOnlyToUndoOperations() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        set.setAll(5, 0);
        String out = ChildJvm.run(SemaphoreChild.class, "undo", String.valueOf(set.id()));
        assertEquals("applied [3, 3]", out.strip(), "the child saw its operations applied");
        assertArrayEquals(new int[] {5, 3}, set.getAll(), "the -2 with undo was reverted, the +3 without stayed");
    }

    @Test
    void aProcessWithoutAccessIsDeniedUntilPermissionsGrantIt() {
        IpcKey key = TestKeys.random();
        SemaphoreSet set = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 2));
        set.setAll(4, 2);
        String keyArgument = String.valueOf(key.value());
        assertEquals("IpcPermissionDeniedException",
                ChildJvm.runAs(OTHER_ID, OTHER_ID, SemaphoreChild.class, "open", keyArgument).strip());
        set.setPermissions(set.stat().permissions().uid(), OTHER_ID, 0660);
        assertEquals("opened [4, 2]",
                ChildJvm.runAs(OTHER_ID, OTHER_ID, SemaphoreChild.class, "open", keyArgument).strip());
    }

    @Test
    void concurrentOpenInitializedCallsCreateOnceAndAllSeeTheInitialValues() throws Exception {
        IpcKey key = TestKeys.random();
        int threads = 8;
        SemaphoreSet gate = cleanup.add(SemaphoreSet.createPrivate(1));
        gate.setValue(0, 1);
        Process child = ChildJvm.start(SemaphoreChild.class, "initialize", String.valueOf(key.value()),
                String.valueOf(gate.id()), "5", "7");
        try {
            BufferedReader childOut = reader(child);
            assertEquals("ready", childOut.readLine());
            List<Future<String>> openers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                openers.add(SemaphoreTestSupport.inBackground(() -> {
                    gate.waitForZero(0);
                    SemaphoreSet set = SemaphoreSet.openInitialized(key, 0600, Duration.ofSeconds(20), 5, 7);
                    String seen = "result " + set.id() + " " + set.getValue(0);
                    set.release(1);
                    return seen;
                }));
            }
            awaitTrue(() -> gate.countWaitingForZero(0) == threads + 1, "every opener waits at the gate");
            gate.setValue(0, 0); // let them all go at once
            List<String> results = new ArrayList<>();
            for (Future<String> opener : openers) {
                results.add(result(opener));
            }
            results.add(childOut.readLine());
            assertTrue(child.waitFor(SemaphoreTestSupport.PATIENCE_SECONDS, TimeUnit.SECONDS), "the child ends");
            assertEquals(0, child.exitValue(), "the child's exit status");

            SemaphoreSet set = cleanup.add(SemaphoreSet.open(key));
            for (String seen : results) {
                // same id: one set for all; 5: nobody saw it before its initialisation
                assertEquals("result " + set.id() + " 5", seen);
            }
            // every opener's +1 counted: nobody initialised the set again after others used it
            assertEquals(7 + threads + 1, set.getValue(1));
        } finally {
            child.destroyForcibly();
            removeIfPresent(key);
        }
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void removeIfPresent(IpcKey key) {
        try {
            SemaphoreSet.open(key).remove();
        } catch (IpcNotFoundException | IpcRemovedException gone) {
            // already removed by the cleanup, or never created
        }
    }
}
