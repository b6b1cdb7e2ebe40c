package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageBuffer;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelBusyException;
import org.sysvipc.channel.ChannelConsumer;
import org.sysvipc.channel.ChannelFormatException;
import org.sysvipc.channel.ChannelProducer;
import org.sysvipc.channel.WaitPolicy;

/**
 * A worker's end of a {@link ChannelLane}: a producer or the consumer of the channel with the
 * lane's key. Its waits neither spin nor yield, so that each one sleeps in {@code semtimedop},
 * where the soak's signals reach it; a timed worker sends (or receives) with a timeout, the others
 * without. The consumer role is let go before the channel is opened anew after its removal.
 */
final class ChannelEndpoint implements LaneEndpoint {
    /** The soak's messages all have this type: the channel is one stream. */
    private static final long TYPE = 1;
    private static final Duration WAIT = Duration.ofMillis(20);
    private static final WaitPolicy POLICY = WaitPolicy.sleepAtOnce(WaitPolicy.DEFAULT_CHECK_INTERVAL);

    private final IpcKey key;
    private final BlockingCalls calls;
    private final boolean consumes;
    private final boolean timed;
    private Channel channel;
    private ChannelProducer producer;
    private ChannelConsumer consumer;

    ChannelEndpoint(IpcKey key, BlockingCalls calls, boolean consumes, boolean timed) {
        this.key = key;
        this.calls = calls;
        this.consumes = consumes;
        this.timed = timed;
    }

    @Override
    public void send(MemorySegment message) {
        if (!timed) {
            calls.run(CallKind.CHANNEL_SEND, () -> producer.send(TYPE, message));
            return;
        }
        while (!calls.call(CallKind.CHANNEL_SEND, () -> producer.send(TYPE, message, WAIT))) {
            // the ring stayed full for a while: try again
        }
    }

    @Override
    public boolean receive(MessageBuffer mailbox) {
        if (timed) {
            return calls.call(CallKind.CHANNEL_RECEIVE, () -> consumer.receive(mailbox, WAIT));
        }
        calls.run(CallKind.CHANNEL_RECEIVE, () -> consumer.receive(mailbox));
        return true;
    }

    @Override
    public boolean reopen(BooleanSupplier stopped) {
        close();
        channel = Reopening.await("the channel with key " + key, this::open, stopped);
        return channel != null;
    }

    /** Opens the channel and takes its part; null while the soak is between removing and recreating it. */
    private Channel open() {
        Channel opened;
        try {
            opened = Channel.open(key);
        } catch (ChannelFormatException notYet) {
            return null; // a segment with the key, its header or set not made yet
        }
        try {
            if (consumes) {
                consumer = opened.openConsumer(POLICY);
            } else {
                producer = opened.producer(POLICY);
            }
            return opened;
        } catch (ChannelBusyException stillTheOld) {
            // the soak holds the role of the channel it is removing; the new one is not there yet
            opened.close();
            return null;
        } catch (RuntimeException e) {
            opened.close(); // removed as the role was taken over, say: Reopening tries again
            throw e;
        }
    }

    private void close() {
        if (channel != null) {
            channel.close(); // closes the consumer first, which lets go of the role
            channel = null;
            consumer = null;
            producer = null;
        }
    }
}
