package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sysvipc.testing.Requires;
import org.testcontainers.containers.GenericContainer;

/**
 * Host test classes run, unchanged, on aarch64 Linux: in an arm64 container under qemu-user
 * emulation ({@link Arm64Container}), on the image's own arm64 JDK.
 */
@ExtendWith(Containers.class)
class Arm64ContainerTest {
    /**
     * The test classes run on emulated aarch64, in one JVM: those that touch every aarch64 layout
     * and constant (the three kinds of object and their states, semid_ds, the listing, the limits,
     * FIFOs, errno's text, user names, the PHP formats over queues and shared memory), the
     * signals that end blocked calls (aarch64's struct sigaction, qemu's delivery) and the
     * tutorial's main job. Emulated Java is slow: keep to tests that exercise what differs between
     * architectures.
     */
    static final List<String> EMULATED_SUITE = List.of(
            "org.sysvipc.containers.EmulatedAarch64Checks",
            "org.sysvipc.containers.QemuUserGaps",
            "org.sysvipc.IpcObjectTest",
            "org.sysvipc.MessageQueueTest",
            "org.sysvipc.SemaphoreSetTest",
            "org.sysvipc.SemaphoreLockTest",
            "org.sysvipc.SemaphoreSetInitializerTest",
            "org.sysvipc.SharedMemoryTest",
            "org.sysvipc.FifoTest",
            "org.sysvipc.InterruptedWaitsTest",
            "org.sysvipc.TimedCallsTest",
            "org.sysvipc.FifoInterruptsTest",
            "org.sysvipc.FifoWriterWaitsTest",
            "org.sysvipc.internal.InterruptSignalTest",
            "org.sysvipc.internal.BlockingCallTest",
            "org.sysvipc.IpcListingTest",
            "org.sysvipc.IpcLimitsTest",
            "org.sysvipc.php.PhpSerializerTest",
            "org.sysvipc.php.PhpMessageQueueTest",
            "org.sysvipc.php.PhpSharedVariablesTest",
            "org.sysvipc.channel.ChannelTest",
            "org.sysvipc.tools.EmulatedTutorialChecks");

    /** The tags of the tests the emulated run leaves out, each with what the run lacks. */
    static final Map<String, String> EXCLUDED = excluded();

    private static GenericContainer<?> arm64;

    private static Map<String, String> excluded() {
        Map<String, String> excluded = new LinkedHashMap<>();
        excluded.put(Requires.PHP, "the arm64 image has no php-cli");
        excluded.put(Requires.STAT_ANY, "qemu-user 7.2 answers EINVAL to MSG_STAT_ANY, SEM_STAT_ANY and SHM_STAT_ANY"
                + " (QemuUserGaps#theStatAnyCommandsAreNotTranslated)");
        excluded.put(Requires.USER_NAMESPACES, "Docker's default seccomp profile refuses unshare(CLONE_NEWUSER) in the container");
        excluded.put(Requires.MSG_PIDS, "qemu-user 7.2 writes msqid_ds's msg_lspid and msg_lrpid as 8-byte fields"
                + " (QemuUserGaps#msgctlWritesTheLastPidsAsEightByteFields)");
        return excluded;
    }

    @BeforeAll
    static void startContainer() {
        Arm64Container.requireImageAndJUnitJar();
        arm64 = Arm64Container.container();
        arm64.start();
    }

    @AfterAll
    static void stopContainer() {
        Containers.closeAll(arm64);
    }

    @Test
    void programsInTheContainerRunAsAarch64() throws Exception {
        assertEquals("aarch64", Arm64Container.run(arm64, "uname", "-m").trim());
        String elfHeader = Arm64Container.run(arm64, "od", "-An", "-tx1", "-j18", "-N2", "/usr/bin/sleep").trim();
        assertEquals("b7 00", elfHeader, "e_machine of the container's own programs: EM_AARCH64 (183)");
    }

    @Test
    void theSelectedHostTestsPassOnEmulatedAarch64() throws Exception {
        long start = System.nanoTime();
        var run = Arm64Container.runTests(arm64, EMULATED_SUITE, EXCLUDED.keySet());
        System.out.printf("The emulated aarch64 suite, %.1f s in all:%n%s", (System.nanoTime() - start) / 1e9, run.output());
        EXCLUDED.forEach((tag, reason) -> System.out.println("excluded tag " + tag + ": " + reason));
        assertEquals(0, run.exitCode(), () -> "JUnit in the arm64 container:\n" + run.output());
        var counts = run.counts();
        assertTrue(counts.getOrDefault("found", 0L) > 0, () -> "no tests found:\n" + run.output());
        assertEquals(counts.get("found"), counts.get("successful"), () -> "not all passed:\n" + run.output());
        List<String> excluded = new ArrayList<>();
        for (String className : EMULATED_SUITE) {
            for (var method : Class.forName(className).getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Test.class)) {
                    continue;
                }
                String test = className + "#" + method.getName();
                Tag tag = method.getAnnotation(Tag.class);
                if (tag != null && EXCLUDED.containsKey(tag.value())) {
                    assertTrue(run.excluded(test), () -> test + " is tagged " + tag.value() + " and ran:\n" + run.output());
                    assertFalse(run.passed(test), test);
                    excluded.add(test);
                } else {
                    assertTrue(run.passed(test), () -> test + " did not pass:\n" + run.output());
                }
            }
        }
        assertEquals((long) excluded.size(), counts.get("excluded"), () -> "excluded " + excluded + ":\n" + run.output());
    }
}
