package org.sysvipc.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;

/**
 * Virtual threads blocked in a channel's receive and send let their carriers go: 250 receivers
 * (one per channel) and 250 senders on a full ring, half of each in the timed forms, sleep on a
 * scheduler of two carriers, which could not grow, while other virtual threads still run; then
 * each gets exactly its message.
 */
class ChannelVirtualThreadsTest {
    private static final List<String> TWO_CARRIERS = List.of("-Djdk.virtualThreadScheduler.parallelism=2",
            "-Djdk.virtualThreadScheduler.maxPoolSize=2");
    private static final int BLOCKED = 250;

    @RegisterExtension
    final TestChannels channels = new TestChannels();

    @Test
    void blockedChannelReceiversAndSendersLeaveTheCarriersToOthersAndEachGetsExactlyItsMessage() {
        List<String> segmentIds = new ArrayList<>();
        for (int i = 0; i <= BLOCKED; i++) {
            try (Channel channel = channels.create(1024, 64)) { // the child attaches it; it stays until removed
                segmentIds.add(Integer.toString(channel.memory().id()));
            }
        }
        String out = ChildJvm.await(ChildJvm.startWithOptions(TWO_CARRIERS, ChannelVirtualThreadsChild.class,
                segmentIds.toArray(String[]::new)));
        assertTrue(out.contains("blocked " + BLOCKED + " channel receivers and " + BLOCKED + " channel senders"), out);
        assertTrue(out.contains("other virtual threads completed: 200"), out);
        assertTrue(out.contains("each got exactly its message"), out);
    }
}
