package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sysvipc.MessageQueue;

/**
 * What the module does on aarch64 Linux today. Not a host test: {@link Arm64ContainerTest} runs it
 * in the emulated arm64 container, where it must pass; on the host (x86_64) it would fail.
 */
class EmulatedAarch64Checks {
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

    /** Until the bindings are chosen at run time, the module refuses aarch64 at first use, naming both platforms. */
    @Test
    void theModuleRefusesAarch64NamingBothPlatforms() {
        var refusal = assertThrows(UnsupportedOperationException.class, MessageQueue::createPrivate);
        assertTrue(refusal.getMessage().contains("Linux/amd64") && refusal.getMessage().contains("Linux/aarch64"),
                refusal.getMessage());
    }
}
