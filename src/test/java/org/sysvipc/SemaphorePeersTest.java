package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.CProgram;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/**
 * Sets made the way C and Python programs make them, {@code semget} and then {@code SETVAL}, which
 * leave {@code sem_otime} at zero: {@link SemaphoreSet#openOrCreate} opens them at once, and
 * {@link SemaphoreSet#openInitialized}, which waits for an operation that never comes, says what
 * to use instead of advising to remove a set a live peer uses.
 */
class SemaphorePeersTest {
    /** {@code make KEY COUNT VALUE}: creates the set exclusively and sets semaphore 0 to VALUE, as C programs do. */
    private static final String PEER_C = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/ipc.h>
            #include <sys/sem.h>

            int main(int argc, char **argv) {
                int id = semget((key_t) atol(argv[2]), atoi(argv[3]), IPC_CREAT | IPC_EXCL | 0600);
                if (id == -1) { perror("semget"); return 1; }
                if (semctl(id, 0, SETVAL, atoi(argv[4])) == -1) { perror("semctl"); return 1; }
                printf("%d\\n", id);
                return 0;
            }
            """;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path build;

    @Test
    void aSetACProgramMadeOpensAtOnceWithItsValues() throws IOException {
        IpcKey key = TestKeys.random();
        String id = CProgram.compile(PEER_C, build).run("make", Integer.toString(key.value()), "2", "5").strip();
        SemaphoreSet made = cleanup.add(SemaphoreSet.ofId(Integer.parseInt(id)));
        assertFalse(made.stat().operatedOn());

        SemaphoreSet opened = SemaphoreSet.openOrCreate(key, 0600, 1, 1);
        assertEquals(made, opened);
        assertEquals(2, opened.size());
        assertArrayEquals(new int[] {5, 0}, opened.getAll(), "the peer's values are kept, not replaced");
        assertFalse(opened.stat().operatedOn(), "opening operated on nothing");
    }

    @Test
    void openInitializedOnSuchASetTimesOutNamingWhatToUseAndNeverAdvisingRemoval() throws IOException {
        IpcKey key = TestKeys.random();
        String id = CProgram.compile(PEER_C, build).run("make", Integer.toString(key.value()), "1", "1").strip();
        SemaphoreSet made = cleanup.add(SemaphoreSet.ofId(Integer.parseInt(id)));

        SemaphoreSetNotInitializedException e = assertThrows(SemaphoreSetNotInitializedException.class,
                () -> SemaphoreSet.openInitialized(key, 0600, Duration.ofMillis(20), 1));
        assertEquals(Errno.EAGAIN, e.errno());
        assertTrue(e.getMessage().contains(made.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("openOrCreate"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("remove"), e.getMessage());
        assertArrayEquals(new int[] {1}, made.getAll(), "the waiter did not touch the set");
    }

    @Test
    void openOrCreateMakesAnInitialisedSetThatOpenInitializedTakesWithoutWaiting() {
        IpcKey key = TestKeys.random();
        SemaphoreSet created = cleanup.add(SemaphoreSet.openOrCreate(key, 0600, 1, 7));
        assertArrayEquals(new int[] {1, 7}, created.getAll());
        assertTrue(created.stat().operatedOn(), "its creator marked it as openInitialized's creators do");
        assertEquals(created, SemaphoreSet.openInitialized(key, 0600, Duration.ZERO, 1, 7));
        assertEquals(created, SemaphoreSet.openOrCreate(key, 0600, 9, 9));
        assertArrayEquals(new int[] {1, 7}, created.getAll(), "opening again changes nothing");
    }

    @Test
    void openOrCreateChecksItsArgumentsAndTheExistingSetsSize() {
        IpcKey key = TestKeys.random();
        cleanup.add(SemaphoreSet.openOrCreate(key, 0600, 1));
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                () -> SemaphoreSet.openOrCreate(key, 0600, 1, 1));
        assertEquals("semget", e.call());
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.openOrCreate(key, 0600));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.openOrCreate(key, 01600, 1));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreSet.openOrCreate(key, 0600, SemaphoreSet.MAX_VALUE + 1));
        assertThrows(NullPointerException.class, () -> SemaphoreSet.openOrCreate(null, 0600, 1));
    }

    @Test
    void aPrivateKeyAlwaysMakesANewSet() {
        SemaphoreSet first = cleanup.add(SemaphoreSet.openOrCreate(IpcKey.PRIVATE, 0600, 2));
        SemaphoreSet second = cleanup.add(SemaphoreSet.openOrCreate(IpcKey.PRIVATE, 0600, 2));
        assertFalse(first.equals(second));
        assertArrayEquals(new int[] {2}, second.getAll());
    }
}
