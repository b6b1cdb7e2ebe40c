package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.containers.Containers.child;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;

/** The IPC limits are the namespace's: a container's sysctls set them, and the module reads and meets them. */
@ExtendWith(Containers.class)
class LimitsContainerTest {

    @Test
    void aContainersSysctlsAreItsLimitsAndOneQueuePastMsgmniFails() throws Exception {
        try (GenericContainer<?> a = Containers.withSysctls(
                Map.of("kernel.msgmni", "3", "kernel.msgmnb", "2048", "kernel.shmmni", "7"))) {
            a.start();
            List<String> limits = child(a, "limits");
            assertTrue(limits.containsAll(List.of("msgmni=3", "msgmnb=2048", "shmmni=7")), limits::toString);

            List<String> filled = child(a, "fill-queues", "100");
            assertEquals("created 3", filled.get(0), filled::toString);
            assertTrue(filled.get(1).startsWith("queue IpcLimitReachedException ENOSPC "), filled::toString);
        }
    }
}
