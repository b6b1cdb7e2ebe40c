package org.sysvipc.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void linuxOnBothArchitecturesHasBindings() {
        assertEquals(List.of("Linux/amd64", "Linux/aarch64"), Platform.SUPPORTED);
        assertNull(Platform.mismatch("Linux/amd64"));
        assertNull(Platform.mismatch("Linux/aarch64"));
    }

    @Test
    void anotherArchitectureIsRefusedNamingItAndTheSupportedOnes() {
        String mismatch = Platform.mismatch("Linux/riscv64");
        assertNotNull(mismatch);
        assertTrue(mismatch.contains("Linux/riscv64") && mismatch.contains("Linux/amd64")
                && mismatch.contains("Linux/aarch64"), mismatch);
    }

    @Test
    void anotherOsIsRefusedNamingItAndTheSupportedOnes() {
        String mismatch = Platform.mismatch("Mac OS X/aarch64");
        assertNotNull(mismatch);
        assertTrue(mismatch.contains("Mac OS X/aarch64") && mismatch.contains("Linux/amd64")
                && mismatch.contains("Linux/aarch64"), mismatch);
    }

    @Test
    void withoutNativeAccessTheMessageNamesTheFlagForTheModule() {
        Module named = ModuleLayer.boot().findModule("java.logging").orElseThrow();
        String message = Platform.nativeAccessMissing(named);
        assertTrue(message.contains("--enable-native-access=java.logging"), message);
        String onClassPath = Platform.nativeAccessMissing(getClass().getClassLoader().getUnnamedModule());
        assertTrue(onClassPath.contains("--enable-native-access=ALL-UNNAMED"), onClassPath);
    }

    @Test
    void thisJvmCanUseTheModule() {
        assertNull(Platform.mismatch(System.getProperty("os.name") + "/" + System.getProperty("os.arch")));
        assertNull(Platform.unavailabilityReason(), "surefire runs the tests with --enable-native-access=ALL-UNNAMED");
        assertDoesNotThrow(Platform::requireSupported);
        assertEquals(System.getProperty("os.arch").equals("aarch64"), Platform.aarch64Bindings());
    }
}
