package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sysvipc.containers.Containers.background;
import static org.sysvipc.containers.Containers.child;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;

/** The kernel gives back a lock taken with undo when its holder is killed, across containers. */
@ExtendWith(Containers.class)
class UndoLockContainerTest {

    @Test
    void aLockHeldByAProcessKilledInOneContainerIsAcquiredInAnother() throws Exception {
        try (GenericContainer<?> a = Containers.shareable()) {
            a.start();
            try (GenericContainer<?> b = Containers.joining(a)) {
                b.start();
                String set = child(a, "sem-create", "1").getFirst();
                var holder = background(a, "hold-lock", set);
                String pid = holder.awaitLine("locked ").substring("locked ".length());
                assertEquals(List.of("held"), child(b, "try-lock", set), "B finds the lock taken");

                var kill = Containers.exec(a, "0:0", List.of("kill", "-KILL", pid));
                assertEquals(0, kill.getExitCode(), kill::toString);
                assertEquals(128 + 9, holder.awaitExit(), "the holder died of SIGKILL");

                assertEquals(List.of("acquired, value now 0"), child(b, "lock", set));
                assertEquals(List.of("free"), child(b, "try-lock", set), "B gave it back");
            }
        }
    }
}
