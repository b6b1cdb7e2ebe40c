package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcSupport;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SemaphoreSetStat;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.testing.AvailabilityJvm;
import org.sysvipc.testing.IpcCleanup;

/**
 * The module on aarch64 Linux: it is available, takes aarch64's layouts and loads no other
 * architecture's bindings. Not a host test: {@link Arm64ContainerTest} runs it in the emulated
 * arm64 container, where it must pass; on the host (x86_64) it would fail.
 */
class EmulatedAarch64Checks {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void theJvmRunsOnAarch64Linux() {
        assertEquals("aarch64", System.getProperty("os.arch"));
        assertEquals("Linux", System.getProperty("os.name"));
    }

    @Test
    void theKernelSaysAarch64() throws IOException, InterruptedException {
        Process uname = new ProcessBuilder("uname", "-m").redirectErrorStream(true).start();
        String machine = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, uname.waitFor());
        assertEquals("aarch64", machine);
    }

    @Test
    void theModuleIsAvailable() {
        assertTrue(IpcSupport.isAvailable());
        assertEquals(Optional.empty(), IpcSupport.unavailabilityReason());
        assertDoesNotThrow(IpcSupport::ensureAvailability);
        assertTrue(IpcSupport.supportedPlatforms().contains("Linux/aarch64"));
    }

    /** semid_ds is where the layouts differ: 88 bytes on aarch64 (gcc's sizeof), 104 on x86_64. */
    @Test
    void aSemaphoreSetsStateIsAarch64sSemidDs() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(88, IpcKind.SEMAPHORE_SET.allocateState(arena).byteSize());
        }
        Instant before = Instant.now().minusSeconds(2);
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(7));
        set.release(6);
        SemaphoreSetStat stat = set.stat();
        // x86_64's layout would read sem_nsems and sem_ctime from other fields of this struct
        assertEquals(7, stat.count());
        assertFalse(stat.lastChange().isBefore(before), stat.toString());
        assertFalse(stat.lastOperation().isBefore(before), stat.toString());
        assertFalse(stat.lastOperation().isAfter(Instant.now().plusSeconds(2)), stat.toString());
    }

    @Test
    void everyCallLoadsTheAarch64BindingsAndNoOthers() {
        AvailabilityJvm.Result run = AvailabilityJvm.onClassPath(List.of("--enable-native-access=ALL-UNNAMED"),
                "everything");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.results().contains("semaphore set of 3, value 3"), run.toString());
        assertFalse(run.generated().isEmpty(), run.toString());
        assertTrue(run.generated().stream().allMatch(name -> name.startsWith("org.sysvipc.generated.aarch64.")),
                run.toString());
        System.out.println("-verbose:class, every call on aarch64: " + run.generated().size()
                + " generated classes loaded, all of org.sysvipc.generated.aarch64: " + run.generated());
    }
}
