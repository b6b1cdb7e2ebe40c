package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;

/**
 * Host test classes run, unchanged, on aarch64 Linux: in an arm64 container under qemu-user
 * emulation ({@link Arm64Container}), on the image's own arm64 JDK.
 */
@ExtendWith(Containers.class)
class Arm64ContainerTest {
    /**
     * The test classes run on emulated aarch64, in one JVM. Emulated Java is slow: list only tests
     * that exercise what differs between architectures.
     */
    static final List<Class<?>> EMULATED_SUITE = List.of(EmulatedAarch64Checks.class);

    private static GenericContainer<?> arm64;

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
        var run = Arm64Container.runTests(arm64, EMULATED_SUITE);
        System.out.printf("The emulated aarch64 suite, %.1f s in all:%n%s", (System.nanoTime() - start) / 1e9, run.output());
        assertEquals(0, run.exitCode(), () -> "JUnit in the arm64 container:\n" + run.output());
        var counts = run.counts();
        assertTrue(counts.getOrDefault("found", 0L) > 0, () -> "no tests found:\n" + run.output());
        assertEquals(counts.get("found"), counts.get("successful"), () -> "not all passed:\n" + run.output());
        for (Class<?> testClass : EMULATED_SUITE) {
            for (var method : testClass.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    String test = testClass.getName() + "#" + method.getName();
                    assertTrue(run.passed(test), () -> test + " did not pass:\n" + run.output());
                }
            }
        }
    }
}
