package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

class PhpSemaphoreTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /** A new set of three, all 0, as semget creates it; sem_get then opens it. */
    private SemaphoreSet keyedSet() {
        return cleanup.add(SemaphoreSet.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600, 3));
    }

    @Test
    void theFirstUserSetsTheValueAndCloseGivesEverythingBack() {
        SemaphoreSet set = keyedSet();
        try (PhpSemaphore first = PhpSemaphore.get(set.key(), 3, 0600, true)) {
            assertArrayEquals(new int[] {3, 1, 0}, set.getAll());
            assertTrue(first.tryAcquire());
            first.acquire();
            assertEquals(2, first.heldCount());
            try (PhpSemaphore second = PhpSemaphore.get(set.key(), 7, 0600, true)) {
                assertArrayEquals(new int[] {1, 2, 0}, set.getAll(), "only the first user sets max_acquire");
                assertTrue(second.tryAcquire());
                assertFalse(second.tryAcquire());
                assertFalse(first.tryAcquire());
            }
            assertArrayEquals(new int[] {1, 1, 0}, set.getAll(), "closing gave back the unit and the usage");
            first.release();
            assertEquals(1, first.heldCount());
        }
        assertArrayEquals(new int[] {3, 0, 0}, set.getAll());
        try (PhpSemaphore again = PhpSemaphore.get(set.key(), 2, 0600, true)) {
            assertArrayEquals(new int[] {2, 1, 0}, set.getAll(), "a new first user sets it again");
        }
    }

    @Test
    void handleRules() {
        SemaphoreSet set = keyedSet();
        PhpSemaphore sem = PhpSemaphore.get(set.key());
        assertEquals(set, sem.set());
        IllegalStateException notHeld = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(notHeld.getMessage().contains("not currently acquired"), notHeld.getMessage());
        sem.acquire();
        sem.close();
        sem.close();
        assertThrows(IllegalStateException.class, sem::acquire);
        assertThrows(IllegalStateException.class, sem::tryAcquire);
        assertThrows(IllegalStateException.class, sem::release);
        assertArrayEquals(new int[] {1, 0, 0}, set.getAll());

        try (PhpSemaphore noAutoRelease = PhpSemaphore.get(set.key(), 1, 0600, false)) {
            noAutoRelease.acquire();
        }
        assertArrayEquals(new int[] {0, 1, 0}, set.getAll(), "without auto-release only the process's exit undoes");

        assertThrows(IllegalArgumentException.class, () -> PhpSemaphore.get(set.key(), 0, 0600, true));
        assertThrows(IllegalArgumentException.class, () -> PhpSemaphore.get(set.key(), SemaphoreSet.MAX_VALUE + 1, 0600, true));
        assertThrows(IllegalArgumentException.class, () -> PhpSemaphore.get(set.key(), 1, 01000, true));
    }

    @Test
    void removeEndsEveryHandle() {
        SemaphoreSet set = keyedSet();
        PhpSemaphore one = PhpSemaphore.get(set.key());
        PhpSemaphore two = PhpSemaphore.get(set.key());
        one.remove();
        assertThrows(IllegalStateException.class, one::acquire);
        assertThrows(IpcRemovedException.class, two::tryAcquire);
        two.close(); // the set is gone: nothing to give back, and no failure
        one.close();
    }

    @Test
    void aPrivateSemaphoreIsCreatedWithPhpsPermissions() {
        try (PhpSemaphore sem = PhpSemaphore.get(IpcKey.PRIVATE)) {
            cleanup.add(sem.set());
            assertEquals(PhpSemaphore.DEFAULT_PERMISSIONS, sem.set().stat().permissions().mode());
            assertArrayEquals(new int[] {1, 1, 0}, sem.set().getAll());
        }
    }

    @Test
    void javaAndPhpExcludeEachOther() {
        SemaphoreSet set = keyedSet();
        Php.Peer holder = Php.start("sem_peer.php", set.key().value(), "hold");
        assertEquals("held", holder.readLine());
        try (PhpSemaphore sem = PhpSemaphore.get(set.key())) {
            assertArrayEquals(new int[] {0, 2, 0}, set.getAll());
            assertFalse(sem.tryAcquire(), "PHP holds it");
            holder.tell("release");
            assertEquals("released", holder.readLine());
            holder.await();
            sem.acquire();
            assertEquals("busy\n", Php.run("sem_peer.php", set.key().value(), "try"));
            sem.release();
            assertEquals("acquired\n", Php.run("sem_peer.php", set.key().value(), "try"));
            assertArrayEquals(new int[] {1, 1, 0}, set.getAll(), "PHP's auto-release and undo gave everything back");
        } finally {
            holder.kill();
        }
        assertArrayEquals(new int[] {1, 0, 0}, set.getAll());
    }

    @Test
    void phpsMaxAcquireAndAKilledHolder() {
        SemaphoreSet set = keyedSet();
        Php.Peer taker = Php.start("sem_peer.php", set.key().value(), "hold", 2);
        assertEquals("held", taker.readLine());
        try (PhpSemaphore sem = PhpSemaphore.get(set.key(), 9, 0600, true)) {
            assertTrue(sem.tryAcquire(), "PHP set max_acquire 2 and holds one");
            assertFalse(sem.tryAcquire());
            taker.process().destroyForcibly().waitFor();
            assertArrayEquals(new int[] {1, 1, 0}, set.getAll(), "the kernel's undo gave back what PHP held");
            assertTrue(sem.tryAcquire());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            taker.kill();
        }
        assertEquals("held\n", Php.run("sem_peer.php", set.key().value(), "take", 2));
        assertArrayEquals(new int[] {2, 0, 0}, set.getAll(), "PHP's exit released what it took");
    }

    @Test
    void phpAndJavaProcessesCountExactlyUnderOneSemaphore() throws Exception {
        SharedMemory memory = cleanup.add(SharedMemory.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600,
                PhpSharedVariables.DEFAULT_SIZE));
        SemaphoreSet set = keyedSet();
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            vars.put(1, 0L);
        }
        int rounds = 200;
        int key = memory.key().value();
        int semKey = set.key().value();
        List<Php.Peer> peers = new ArrayList<>();
        Process child = null;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 3; i++) {
                peers.add(Php.start("counter.php", key, semKey, rounds));
            }
            child = ChildJvm.start(CounterChild.class, String.valueOf(key), String.valueOf(semKey), String.valueOf(rounds));
            List<Future<?>> counting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                counting.add(threads.submit(() -> count(memory.key(), set.key(), rounds)));
            }
            for (Future<?> f : counting) {
                f.get();
            }
            for (Php.Peer peer : peers) {
                assertEquals("ok\n", peer.await());
            }
            assertEquals("ok\n", ChildJvm.await(child));
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            threads.shutdownNow();
            peers.forEach(Php.Peer::kill);
            if (child != null) {
                child.destroyForcibly();
            }
        }
        long total = 6L * rounds;
        try (PhpSharedVariables vars = PhpSharedVariables.attach(memory)) {
            assertEquals(total, vars.get(1));
        }
        assertEquals("ok\n", Php.run("counter.php", key, semKey, "check", total));
        assertArrayEquals(new int[] {1, 0, 0}, set.getAll(), "every handle was given back");
    }

    /** Adds 1 to variable 1, n times, each under the semaphore, with handles of its own. */
    static void count(IpcKey shmKey, IpcKey semKey, int n) {
        try (PhpSemaphore sem = PhpSemaphore.get(semKey); PhpSharedVariables vars = PhpSharedVariables.attach(shmKey)) {
            for (int i = 0; i < n; i++) {
                sem.acquire();
                try {
                    vars.put(1, (Long) vars.get(1) + 1);
                } finally {
                    sem.release();
                }
            }
        }
    }
}
