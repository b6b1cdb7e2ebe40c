package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sysvipc.testing.IsolatedIpcNamespace;

/**
 * Messages longer than the 8192 bytes a thread's receive buffer starts with, in an IPC namespace
 * of their own whose msgmax allows them: the buffer doubles until the message fits, and a receive
 * bounded by a maximum length cuts or refuses at exactly that length, never at a step of the
 * buffer's growth.
 */
class LargeMessagesTest {
    @Test
    void theReceiveBufferGrowsToTheMessageAndABoundIsKeptExactly() {
        String out = IsolatedIpcNamespace.run(Map.of("msgmax", "200000", "msgmnb", "400000"),
                LargeMessagesChild.class, "150000", "100000");
        assertEquals(List.of(
                "receive whole true",
                "bounded receive E2BIG, left 1",
                "truncated to 100000 true",
                "peek whole true",
                "into a ByteBuffer true",
                "php whole true",
                "buffer whole true"), out.lines().toList());
    }
}
