package org.sysvipc.bench;

import static org.sysvipc.bench.SysvBench.DATA;
import static org.sysvipc.bench.SysvBench.MAX_MESSAGE;
import static org.sysvipc.bench.SysvBench.REPLY;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelConsumer;
import org.sysvipc.channel.ChannelProducer;
import org.sysvipc.channel.MessageHandler;

/**
 * {@code chan_pingpong}: msg_pingpong over two private channels, {@code down} (parent to child) and
 * {@code up}: the parent sends DATA of {@code size} bytes and receives the REPLY; the child hands
 * the DATA's view in its ring straight to {@code send}, which copies it into the other ring. One op
 * is one round trip.
 */
final class ChanPingPong {
    /** Each ring holds 16 of the largest messages; a ping-pong has one in flight. */
    static final int CAPACITY = 1 << 17;

    private ChanPingPong() {
    }

    static String parent(Run run) throws InterruptedException {
        try (Channel down = Channels.own(run, Channel.createPrivate(CAPACITY, MAX_MESSAGE));
                Channel up = Channels.own(run, Channel.createPrivate(CAPACITY, MAX_MESSAGE));
                ChannelConsumer replies = up.openConsumer()) {
            byte[] bytes = new byte[run.size];
            Arrays.fill(bytes, (byte) 'p');
            MemorySegment data = MemorySegment.ofArray(bytes);
            ChannelProducer producer = down.producer();
            LengthCheck reply = new LengthCheck(run.size);
            run.startChild(run.bench, Channels.name(down), Channels.name(up));
            roundTrips(producer, replies, data, reply, run.warmup);
            long allocated = Run.allocatedBytes();
            long start = System.nanoTime();
            roundTrips(producer, replies, data, reply, run.n);
            long nanos = System.nanoTime() - start;
            allocated = Run.allocatedBytes() - allocated;
            run.awaitChild();
            return SysvBench.report(run.bench, run.size, run.n, run.n, run.warmup, nanos,
                    Allocation.field(allocated, run.n) + " " + Channels.sleeps(down, up));
        }
    }

    private static void roundTrips(ChannelProducer producer, ChannelConsumer replies, MemorySegment data,
            LengthCheck reply, long count) {
        for (long i = 0; i < count; i++) {
            roundTrip(producer, replies, data, reply);
        }
    }

    /** One op in a method of its own, which the JIT compiles (with all it calls) after a few thousand warm-up calls. */
    private static void roundTrip(ChannelProducer producer, ChannelConsumer replies, MemorySegment data,
            LengthCheck reply) {
        producer.send(DATA, data);
        replies.receive(reply);
    }

    static void child(Peer peer) {
        try (Channel down = Channel.ofId(peer.channelId(0)); Channel up = Channel.ofId(peer.channelId(1));
                ChannelConsumer requests = down.openConsumer()) {
            ChannelProducer producer = up.producer();
            MessageHandler echo = (type, message) -> {
                if (type != DATA) {
                    throw new BenchFailure("received type " + type + ", expected DATA");
                }
                producer.send(REPLY, message);
            };
            for (long i = 0, count = peer.warmup + peer.n; i < count; i++) {
                requests.receive(echo);
            }
        }
    }

    /** Checks each reply's type and length, as the other implementations check what msgrcv returned. */
    static final class LengthCheck implements MessageHandler {
        private final int size;

        LengthCheck(int size) {
            this.size = size;
        }

        @Override
        public void onMessage(long type, MemorySegment message) {
            if (type != REPLY) {
                throw new BenchFailure("received type " + type + ", expected REPLY");
            }
            SysvBench.expectLength((int) message.byteSize(), size);
        }
    }
}
