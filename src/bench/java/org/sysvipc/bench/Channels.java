package org.sysvipc.bench;

import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelStats;

/** What the channel benchmarks share: owning a channel's two objects, naming it to the child, and its counters. */
final class Channels {
    /** A ring for a handful of control messages. */
    static final int CONTROL_CAPACITY = 1024;

    private Channels() {
    }

    /** Registers both objects of {@code channel} for removal on every exit path, and returns it. */
    static Channel own(Run run, Channel channel) {
        run.own(channel.semaphores());
        run.own(channel.memory());
        return channel;
    }

    /** How the parent names a channel on the child's command line: {@code c<segment id>}. */
    static String name(Channel channel) {
        return "c" + channel.memory().id();
    }

    /** The extra fields that show how often each side slept and was woken, the channels' system calls. */
    static String sleeps(Channel... channels) {
        long consumerSleeps = 0, producerSleeps = 0, wakeUps = 0;
        for (Channel channel : channels) {
            ChannelStats stats = channel.stats();
            consumerSleeps += stats.consumerSleeps();
            producerSleeps += stats.producerSleeps();
            wakeUps += stats.wakeUps();
        }
        return "consumer_sleeps=" + consumerSleeps + " producer_sleeps=" + producerSleeps + " wake_ups=" + wakeUps;
    }
}
