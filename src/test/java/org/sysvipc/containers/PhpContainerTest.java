package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sysvipc.containers.Containers.backgroundCommand;
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
 * PHP and Java processes in two containers of one IPC namespace add to one {@code shm_put_var}
 * counter under one {@code sem_get} semaphore, as a PHP-FPM container and a Java service in one
 * pod would. The objects live in A's namespace and go with it.
 */
@ExtendWith(Containers.class)
class PhpContainerTest {
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
