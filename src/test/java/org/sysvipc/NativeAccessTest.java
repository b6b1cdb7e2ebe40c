package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysvipc.testing.AvailabilityJvm;
import org.sysvipc.testing.AvailabilityJvm.Result;

/**
 * Without native access enabled for it, the module says which flag to add, at first use and from
 * {@link IpcSupport}, in child JVMs with the module on the class path and on the module path;
 * the JDK's own warning (JDK 22 to 25 by default) or error ({@code --illegal-native-access=deny})
 * never comes, since no generated class is loaded.
 */
class NativeAccessTest {
    private static final String CLASS_PATH_FLAG = "--enable-native-access=ALL-UNNAMED";
    private static final String MODULE_FLAG = "--enable-native-access=org.sysvipc";
    /** The JDK's warning says "A restricted method in java.lang.foreign... has been called". */
    private static final String JDK_WARNING = "restricted method";

    @Test
    void onTheClassPathWithoutTheFlagTheFirstUseThrowsNamingAllUnnamed() {
        Result run = AvailabilityJvm.onClassPath(List.of(), "queue");
        assertRefused(run, CLASS_PATH_FLAG);
    }

    @Test
    void aFirstUseThroughAClassInitialisationThrowsTheSameErrorUnwrapped() {
        Result run = AvailabilityJvm.onClassPath(List.of(), "key");
        assertRefused(run, CLASS_PATH_FLAG);
        assertFalse(run.stderr().contains("ExceptionInInitializerError"), run.toString());
    }

    @Test
    void whenTheJdkDeniesNativeAccessTheModulesMessageComesInsteadOfTheJdks() {
        assumeTrue(Runtime.version().feature() >= 24, "--illegal-native-access is a JDK 24 option");
        Result run = AvailabilityJvm.onClassPath(List.of("--illegal-native-access=deny"), "queue");
        assertRefused(run, CLASS_PATH_FLAG);
        assertFalse(run.stderr().contains("IllegalCallerException"), run.toString());
    }

    @Test
    void theProbeReportsMissingNativeAccessWithoutThrowing() {
        Result run = AvailabilityJvm.onClassPath(List.of(), "probe");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("available false", run.results().get(0), run.toString());
        assertTrue(run.results().get(1).contains(CLASS_PATH_FLAG), run.toString());
        assertEquals(List.of(), run.generated(), "the probe loads no bindings");
        assertFalse(run.stderr().contains(JDK_WARNING), run.toString());
    }

    @Test
    void onTheClassPathWithTheFlagTheModuleWorks() {
        Result run = AvailabilityJvm.onClassPath(List.of(CLASS_PATH_FLAG), "queue");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("received hello"), run.results());
        assertEquals("", run.stderr());
        Result probe = AvailabilityJvm.onClassPath(List.of(CLASS_PATH_FLAG), "probe");
        assertEquals(List.of("available true", "reason none"), probe.results(), probe.toString());
    }

    @Test
    void onTheModulePathWithoutTheFlagTheFirstUseThrowsNamingTheModule() {
        Result run = AvailabilityJvm.onModulePath(List.of(), "queue");
        assertRefused(run, MODULE_FLAG);
    }

    @Test
    void onTheModulePathTheClassPathsFlagIsNotEnoughAndTheProbeSaysSo() {
        Result probe = AvailabilityJvm.onModulePath(List.of(CLASS_PATH_FLAG), "probe");
        assertEquals("available false", probe.results().get(0), probe.toString());
        assertTrue(probe.results().get(1).contains(MODULE_FLAG), probe.toString());
    }

    @Test
    void onTheModulePathWithTheFlagTheModuleWorks() {
        Result run = AvailabilityJvm.onModulePath(List.of(MODULE_FLAG), "queue");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("received hello"), run.results());
        assertEquals("", run.stderr());
    }

    /** The child failed with the module's UnsatisfiedLinkError naming {@code flag}, and loaded no bindings. */
    private static void assertRefused(Result run, String flag) {
        assertNotEquals(0, run.exit(), run.toString());
        assertTrue(run.stderr().contains("java.lang.UnsatisfiedLinkError: org.sysvipc calls native code"), run.toString());
        assertTrue(run.stderr().contains("add " + flag + " to the java command line"), run.toString());
        assertFalse(run.stderr().contains(JDK_WARNING), run.toString());
        assertEquals(List.of(), run.generated(), "no bindings are loaded without native access");
    }
}
