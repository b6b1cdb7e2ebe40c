package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysvipc.testing.AvailabilityJvm;
import org.sysvipc.testing.AvailabilityJvm.Result;

/**
 * The module takes the bindings of the architecture the JVM says it runs on ({@code os.arch}),
 * and loads no other: child JVMs with {@code -verbose:class}. A child told {@code -Dos.arch=aarch64}
 * on this x86_64 machine only allocates structs (the JDK's linker would follow the property too,
 * and its aarch64 calls cannot run here); {@code EmulatedAarch64Checks} does the calls on aarch64.
 * Another architecture or OS is refused at first use, naming it and the supported platforms.
 */
class BindingsSelectionTest {
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final String HOST_PACKAGE = "org.sysvipc.generated."
            + (System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64") + ".";

    @Test
    void everyCallLoadsTheBindingsOfThisArchitectureAndNoOther() {
        Result run = AvailabilityJvm.onClassPath(List.of(NATIVE_ACCESS), "everything");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.results().containsAll(List.of("queue received hello, messages left 0",
                "semaphore set of 3, value 3", "segment of 8192 bytes, attached 1", "fifo true")), run.toString());
        assertFalse(run.generated().isEmpty(), run.toString());
        assertTrue(run.generated().stream().allMatch(name -> name.startsWith(HOST_PACKAGE)), run.toString());
    }

    @Test
    void aJvmOnAarch64TakesTheAarch64LayoutsAndNoOthers() {
        assertTakesTheLayoutsOf("aarch64", "org.sysvipc.generated.aarch64.", 88);
    }

    @Test
    void aJvmOnAmd64TakesTheX86_64LayoutsAndNoOthers() {
        assertTakesTheLayoutsOf("amd64", "org.sysvipc.generated.x86_64.", 104);
    }

    /** A JVM whose os.arch is {@code arch} allocates semid_ds with {@code semidDsSize} bytes, and loads only {@code bindings}. */
    private static void assertTakesTheLayoutsOf(String arch, String bindings, long semidDsSize) {
        Result run = AvailabilityJvm.onClassPath(List.of(NATIVE_ACCESS, "-Dos.arch=" + arch), "layouts");
        assertEquals(List.of("semid_ds " + semidDsSize, "msgbuf text at 8"), run.results(), run.toString());
        assertFalse(run.generated().isEmpty(), run.toString());
        assertTrue(run.generated().stream().allMatch(name -> name.startsWith(bindings)), run.toString());
    }

    @Test
    void anotherArchitectureIsRefusedAtFirstUseNamingItAndTheSupportedPlatforms() {
        assertRefusedPlatform(List.of(NATIVE_ACCESS, "-Dos.arch=riscv64"), "Linux/riscv64");
    }

    @Test
    void anotherOsIsRefusedAtFirstUseNamingItAndTheSupportedPlatforms() {
        assertRefusedPlatform(List.of(NATIVE_ACCESS, "-Dos.name=FreeBSD"), "FreeBSD/" + System.getProperty("os.arch"));
    }

    private static void assertRefusedPlatform(List<String> options, String platform) {
        String reason = "org.sysvipc has native bindings for Linux/amd64 and Linux/aarch64 (os.name/os.arch),"
                + " and this JVM runs on " + platform;
        Result probe = AvailabilityJvm.onClassPath(options, "probe");
        assertEquals(List.of("available false", "reason " + reason), probe.results(), probe.toString());
        Result run = AvailabilityJvm.onClassPath(options, "queue");
        assertNotEquals(0, run.exit(), run.toString());
        assertTrue(run.stderr().contains("java.lang.UnsatisfiedLinkError: " + reason), run.toString());
        assertEquals(List.of(), run.generated(), "no bindings are loaded where they do not fit");
    }
}
