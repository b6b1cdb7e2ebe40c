package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.containers.Containers.child;
import static org.sysvipc.containers.Containers.childAs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sysvipc.testing.TestKeys;
import org.testcontainers.containers.GenericContainer;

/**
 * Permission checks as the kernel makes them for processes of other users, and for root without
 * CAP_IPC_OWNER, which docker drops.
 */
@ExtendWith(Containers.class)
class PermissionsContainerTest {
    private static final String USER = "1000:1000";
    private static final List<String> ALLOWED = List.of("queue ok ping", "semaphores ok 0", "memory ok 42");

    @Test
    void anotherUserIsDeniedOnRootsPrivateObjectsAndAllowedThroughTheGroup() throws Exception {
        String privateKey = hex();
        String groupKey = hex();
        try (GenericContainer<?> a = Containers.container()) {
            a.start();
            child(a, "create", privateKey, "600");
            child(a, "create", groupKey, "660", "1000");
            assertDenied(childAs(a, USER, "use", privateKey));
            assertEquals(ALLOWED, childAs(a, USER, "use", groupKey));
        }
    }

    @Test
    void rootIsDeniedOnAnotherUsersPrivateObjectsUnlessItHasIpcOwner() throws Exception {
        String key = hex();
        try (GenericContainer<?> a = Containers.shareable()) {
            a.start();
            try (GenericContainer<?> b = Containers.joiningWithIpcOwner(a)) {
                b.start();
                childAs(a, USER, "create", key, "600");
                assertDenied(child(a, "use", key));
                assertEquals(ALLOWED, child(b, "use", key), "root with CAP_IPC_OWNER");
            }
        }
    }

    private static String hex() {
        return Integer.toHexString(TestKeys.random().value());
    }

    private static void assertDenied(List<String> lines) {
        assertEquals(3, lines.size(), () -> String.join("\n", lines));
        assertAll(lines.stream().map(line -> () -> assertTrue(
                line.matches("(queue|semaphores|memory) IpcPermissionDeniedException EACCES .*"), line)));
    }
}
