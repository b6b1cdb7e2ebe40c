package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import org.sysvipc.IpcKey;
import org.sysvipc.SharedMemory;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelStats;

/**
 * A lane made of one shared-memory {@link Channel}: a segment with a ring of {@value #CAPACITY}
 * bytes, a few of the soak's messages, so that producers often find it full, and a semaphore set
 * of two, under one key. Its producers and its consumer are killed by the chaos besides the other
 * faults ({@link #targetedKills()}): a producer killed while writing leaves a record the consumer
 * skips, a replaced consumer continues from the last message consumed.
 *
 * <p>To remove it, the soak holds the producers' claim lock and the consumer role of the removed
 * channel and takes out what is left ({@link ChannelRemoval}). The counters of each channel, read
 * as it is removed, go to the {@link Observations}.
 */
final class ChannelLane extends DrainedLane {
    static final String KIND = "channel";
    static final int CAPACITY = 1024;
    /** A live producer or consumer lets go within microseconds; far longer means something is wrong. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long WORD = ChannelRemoval.currentProcessWord();

    private final Observations seen;
    private volatile IpcKey key;
    private Channel channel;
    private SharedMemory.Attachment view;

    ChannelLane(String name, List<WorkerSpec> workers, SoakLog log, Observations seen) {
        super(name, KIND, workers, log);
        this.seen = seen;
    }

    @Override
    public List<String> workerArguments() {
        return List.of(FreshKeys.argument(key));
    }

    @Override
    public void create() {
        channel = FreshKeys.create(this::createNew);
        key = channel.memory().key();
    }

    @Override
    void recreate() {
        channel = createNew(key);
    }

    @Override
    void drainAndRemove(ObjLongConsumer<MemorySegment> drained) {
        ChannelRemoval.Remnants remnants;
        ChannelStats stats;
        try {
            remnants = new ChannelRemoval(view.segment(), CAPACITY, WORD, PATIENCE).remove(channel, drained);
            stats = channel.stats();
        } finally {
            view.close();
            channel.close();
        }
        seen.channelRemoved(new ChannelCounts(1, stats.messagesSent(), stats.abandonedRecords() + remnants.abandoned(),
                stats.consumerTakeovers(), stats.lockBreaks(), remnants.messages()));
        log.note("removed shared memory segment " + stats.segmentId() + " and semaphore set " + stats.semaphoreSetId()
                + " (" + key + ") of " + name() + ", " + remnants.messages() + " messages taken out");
    }

    @Override
    public List<String> leftovers() {
        return Stream.concat(leftover("sem", key), leftover("shm", key)).toList();
    }

    @Override
    public boolean isFull() {
        return channel.stats().pendingBytes() + SoakMessage.MAX_BYTES + 32 > CAPACITY; // a sample
    }

    @Override
    public boolean targetedKills() {
        return true;
    }

    private Channel createNew(IpcKey under) {
        Channel created = Channel.create(under, 0600, CAPACITY, SoakMessage.MAX_BYTES);
        try {
            view = created.memory().attach();
        } catch (RuntimeException e) {
            created.remove();
            created.close();
            throw e;
        }
        log.note("created shared memory segment " + created.memory().id() + " (" + under + ") for " + name());
        log.note("created semaphore set " + created.semaphores().id() + " (" + under + ") for " + name());
        return created;
    }
}
