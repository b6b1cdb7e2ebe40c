package org.sysvipc.containers;

import org.sysvipc.Errno;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.containers.Containers.child;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.TestKeys;
import org.testcontainers.containers.GenericContainer;

/** Objects made in one container's IPC namespace exist nowhere else. */
@ExtendWith(Containers.class)
class IsolationContainerTest {

    @Test
    void objectsOfOneContainerAreNotFoundInAnotherNorOnTheHost() throws Exception {
        IpcKey key = TestKeys.random();
        String hex = Integer.toHexString(key.value());
        String keyText = String.format("0x%08x", key.value());
        try (GenericContainer<?> a = Containers.container(); GenericContainer<?> c = Containers.container()) {
            a.start();
            c.start();
            child(a, "create", hex, "600");

            List<String> inA = child(a, "use", hex);
            assertEquals(List.of("queue ok ping", "semaphores ok 0", "memory ok 42"), inA, "A uses its own objects");

            List<String> inC = child(c, "use", hex);
            assertEquals(3, inC.size(), () -> String.join("\n", inC));
            assertAll(inC.stream().map(line -> () -> {
                assertTrue(line.matches("(queue|semaphores|memory) IpcNotFoundException ENOENT .*"), line);
                assertTrue(line.contains(keyText), () -> "names the key " + keyText + ": " + line);
            }));
        }

        Consumer<Executable> notFoundOnHost = open -> {
            IpcNotFoundException e = assertThrows(IpcNotFoundException.class, open);
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().contains(keyText), e::getMessage);
        };
        assertAll(
                () -> notFoundOnHost.accept(() -> MessageQueue.open(key)),
                () -> notFoundOnHost.accept(() -> SemaphoreSet.open(key)),
                () -> notFoundOnHost.accept(() -> SharedMemory.open(key)));
    }
}
