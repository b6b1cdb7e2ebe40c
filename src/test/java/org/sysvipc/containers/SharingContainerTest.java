package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sysvipc.containers.Containers.background;
import static org.sysvipc.containers.Containers.backgroundCommand;
import static org.sysvipc.containers.Containers.child;
import static org.sysvipc.containers.Containers.javaCommand;
import static org.sysvipc.containers.Containers.phpCommand;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sysvipc.php.CounterChild;
import org.sysvipc.testing.TestKeys;
import org.testcontainers.containers.GenericContainer;

/**
 * Two containers in one IPC namespace (A shareable, B joined to it) use the same objects: a
 * queue they talk through, and a shared counter both add to at once, from Java and from PHP.
 */
@ExtendWith(Containers.class)
class SharingContainerTest {
    private static GenericContainer<?> a;
    private static GenericContainer<?> b;

    @BeforeAll
    static void startContainers() {
        a = Containers.shareable();
        a.start();
        b = Containers.joining(a);
        b.start();
    }

    @AfterAll
    static void closeContainers() {
        Containers.closeAll(b, a);
    }

    @Test
    void containersInOneNamespaceTalkThroughAQueue() throws Exception {
        String key = Integer.toHexString(TestKeys.random().value());
        child(a, "create", key, "600");
        var echo = background(a, "queue-echo", key, "3");
        List<String> answers = child(b, "queue-ask", key, "3", "hello");
        String fromA = "echo from " + a.getContainerId().substring(0, 12);
        String fromB = "from " + b.getContainerId().substring(0, 12);
        assertEquals(List.of(fromA + ": hello 0 " + fromB, fromA + ": hello 1 " + fromB, fromA + ": hello 2 " + fromB),
                answers);
        assertEquals(List.of("echoed 3"), echo.awaitSuccess());
    }

    @Test
    void aCounterUnderOneSemaphoreEndsExactWithProcessesInBothContainers() throws Exception {
        assertEquals(4 * 5_000L, countTogether("locked", 5_000));
    }

    @Test
    void aCounterAddedToAtomicallyEndsExactWithProcessesInBothContainers() throws Exception {
        assertEquals(4 * 50_000L, countTogether("atomic", 50_000));
    }

    /**
     * Two counting processes in A and two in B add {@code increments} each to one counter in a
     * segment of the shared namespace, started together; returns the counter.
     */
    private static long countTogether(String how, int increments) throws Exception {
        String[] ids = child(a, "counter-setup").getFirst().split(" ");
        List<Containers.Background> counters = new ArrayList<>();
        for (GenericContainer<?> container : List.of(a, b, a, b)) {
            counters.add(background(container, "count", how, ids[0], ids[1], String.valueOf(increments)));
        }
        List<String> total = child(b, "count-run", ids[0], ids[1], String.valueOf(counters.size()));
        for (Containers.Background counter : counters) {
            assertEquals(List.of("counted " + increments), counter.awaitSuccess());
        }
        return Long.parseLong(total.getFirst());
    }

    /** As a PHP-FPM container and a Java service in one pod would; the objects go with A's namespace. */
    @Test
    void phpAndJavaInTwoContainersCountExactlyUnderOneSemGetSemaphore() throws Exception {
        String shmKey = String.valueOf(TestKeys.random().value());
        String semKey = String.valueOf(TestKeys.random().value());
        int rounds = 300;
        // PHP makes the segment and the semaphore, as shm_attach and sem_get do, with the counter at 0
        assertEquals("ok", run(a, phpCommand("counter.php", shmKey, semKey, "init")));

        List<Containers.Background> peers = new ArrayList<>();
        for (GenericContainer<?> container : List.of(a, b)) {
            peers.add(backgroundCommand(container, phpCommand("counter.php", shmKey, semKey, String.valueOf(rounds))));
            peers.add(backgroundCommand(container, javaCommand(CounterChild.class.getName(), shmKey, semKey,
                    String.valueOf(rounds))));
        }
        for (Containers.Background peer : peers) {
            assertEquals(List.of("ok"), peer.awaitSuccess());
        }
        String total = String.valueOf(peers.size() * rounds);
        assertEquals("ok", run(b, phpCommand("counter.php", shmKey, semKey, "check", total)));
    }

    private static String run(GenericContainer<?> container, List<String> command) throws Exception {
        var result = Containers.exec(container, "0:0", command);
        assertEquals(0, result.getExitCode(), () -> String.join(" ", command) + " failed:\n" + result.getStdout()
                + result.getStderr());
        return result.getStdout().strip();
    }
}
