package org.sysvipc.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void anotherArchitectureIsRefusedNamingBoth() {
        String mismatch = Platform.mismatch("Linux", "aarch64");
        assertNotNull(mismatch);
        assertTrue(mismatch.contains("amd64") && mismatch.contains("aarch64"), mismatch);
    }

    @Test
    void anotherOsIsRefusedNamingBoth() {
        String mismatch = Platform.mismatch("Mac OS X", "amd64");
        assertNotNull(mismatch);
        assertTrue(mismatch.contains("Linux") && mismatch.contains("Mac OS X"), mismatch);
    }

    @Test
    void thisMachineIsSupported() {
        assertNull(Platform.mismatch(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertDoesNotThrow(Platform::requireSupported);
    }
}
