package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Compares what IPC_INFO reports with the sysctl files the kernel sets the limits from. */
class IpcLimitsTest {
    private final IpcLimits limits = IpcLimits.current();

    @Test
    void messageQueueLimitsAreTheSysctls() throws IOException {
        assertEquals(sysctl("msgmax"), limits.msgmax());
        assertEquals(sysctl("msgmnb"), limits.msgmnb());
        assertEquals(sysctl("msgmni"), limits.msgmni());
    }

    @Test
    void sharedMemoryLimitsAreTheSysctlsClampedToLong() throws IOException {
        assertEquals(clamped("shmmax"), limits.shmmax());
        assertEquals(clamped("shmall"), limits.shmall());
        assertEquals(sysctl("shmmni"), limits.shmmni());
    }

    @Test
    void semaphoreLimitsAreTheFourFieldsOfKernelSem() throws IOException {
        String[] sem = read("sem").split("\\s+");
        assertEquals(Integer.parseInt(sem[0]), limits.semmsl());
        assertEquals(Integer.parseInt(sem[1]), limits.semmns());
        assertEquals(Integer.parseInt(sem[2]), limits.semopm());
        assertEquals(Integer.parseInt(sem[3]), limits.semmni());
    }

    @Test
    void readingTwiceGivesEqualRecords() {
        assertEquals(limits, IpcLimits.current());
    }

    private static int sysctl(String name) throws IOException {
        return Integer.parseInt(read(name));
    }

    private static long clamped(String name) throws IOException {
        BigInteger value = new BigInteger(read(name));
        return value.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    private static String read(String name) throws IOException {
        // not Files.readString: it trusts the size procfs reports and returns only the first byte
        return Files.readAllLines(Path.of("/proc/sys/kernel", name)).get(0).trim();
    }
}
