package org.sysvipc.php;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcKey;
import org.sysvipc.Message;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SemaphoreSetNotInitializedException;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/** Raw bytes with Python's sysv_ipc (Debian's python3-sysv-ipc), both directions, and the semaphores it makes. */
class PythonInteropTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void bytesThroughAQueueBothWays() throws InterruptedException {
        MessageQueue queue = cleanup.add(MessageQueue.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600));
        byte[] binary = new byte[1000];
        new Random(7).nextBytes(binary);
        List<byte[]> sent = List.of(new byte[0], "hello world".getBytes(), binary);
        for (int i = 0; i < sent.size(); i++) {
            queue.send(i + 1, sent.get(i));
        }
        Php.Peer python = Php.startPython("sysv_peer.py", "queue", queue.key().value(), sent.size());
        try {
            for (int i = 0; i < sent.size(); i++) {
                Message echo = queue.receive(i + 11, Duration.ofSeconds(30)).orElseThrow();
                assertArrayEquals(sent.get(i), echo.data());
            }
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            assertArrayEquals(all, queue.receive(20, Duration.ofSeconds(30)).orElseThrow().data());
            assertEquals("ok\n", python.await());
        } finally {
            python.kill();
        }
    }

    @Test
    void bytesThroughASharedSegmentBothWays() {
        SharedMemory memory = cleanup.add(SharedMemory.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600, 4096));
        byte[] pattern = new byte[512];
        new Random(11).nextBytes(pattern);
        try (SharedMemory.Attachment attachment = memory.attach()) {
            MemorySegment.copy(MemorySegment.ofArray(pattern), 0, attachment.segment(), 100, pattern.length);
            assertEquals("ok\n", Php.startPython("sysv_peer.py", "shm", memory.key().value(), 100, pattern.length, 2000).await());
            byte[] reversed = attachment.segment().asSlice(2000, pattern.length).toArray(JAVA_BYTE);
            for (int i = 0; i < pattern.length; i++) {
                assertEquals(pattern[i], reversed[pattern.length - 1 - i], "byte " + i);
            }
        }
    }

    @Test
    void aSemaphorePythonCreatedOpensWithOpenOrCreateWithoutWaiting() {
        IpcKey key = TestKeys.random();
        assertEquals("ok\n", Php.startPython("sysv_peer.py", "sem", key.value(), 3).await());
        SemaphoreSet made = cleanup.add(SemaphoreSet.open(key)); // Python leaves it for the test to remove
        assertFalse(made.stat().operatedOn(), "sysv_ipc sets the value without an operation, so sem_otime is 0");

        SemaphoreSet opened = SemaphoreSet.openOrCreate(key, 0600, 1);
        assertEquals(made, opened);
        assertArrayEquals(new int[] {3}, opened.getAll(), "the value Python set is kept");

        SemaphoreSetNotInitializedException e = assertThrows(SemaphoreSetNotInitializedException.class,
                () -> SemaphoreSet.openInitialized(key, 0600, Duration.ofMillis(20), 1));
        assertTrue(e.getMessage().contains("openOrCreate"), e.getMessage());
        assertFalse(e.getMessage().contains("remove"), e.getMessage());
        assertArrayEquals(new int[] {3}, opened.getAll());
    }
}
