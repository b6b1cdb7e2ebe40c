package org.sysvipc.bench;

import static org.sysvipc.bench.SysvBench.DATA;
import static org.sysvipc.bench.SysvBench.GO;
import static org.sysvipc.bench.SysvBench.MAX_MESSAGE;
import static org.sysvipc.bench.SysvBench.READY;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelConsumer;
import org.sysvipc.channel.ChannelProducer;
import org.sysvipc.channel.MessageHandler;

/**
 * {@code chan_throughput}: msg_throughput over a private channel {@code data} (child to parent),
 * with GO on a second one, {@code control}: the child sends W DATA messages, READY, waits for GO,
 * then sends n DATA messages of {@code size} bytes; the parent receives them (a blocking receive
 * for the first there is, then a drain of the rest) and times from GO to the last one.
 *
 * <p>At some 50 ns a message, how the JIT compiled the loops shows: both sides run the warm-up as
 * many calls of the same loop the timed part calls once, so that its exit is profiled and the timed
 * call runs compiled code from the start, instead of an interpreted loop that deoptimized at the
 * end of the warm-up; and one handler takes both DATA and READY without a branch on the type.
 */
final class ChanThroughput {
    /** The data ring: 256 KiB, about 2,900 records of 64 bytes or 63 of 4096. */
    static final int CAPACITY = 1 << 18;
    /** Messages per call of the warm-up loops. */
    static final int WARMUP_CHUNK = 1000;

    private ChanThroughput() {
    }

    static String parent(Run run) throws InterruptedException {
        try (Channel data = Channels.own(run, Channel.createPrivate(CAPACITY, MAX_MESSAGE));
                Channel control = Channels.own(run, Channel.createPrivate(Channels.CONTROL_CAPACITY, 1));
                ChannelConsumer consumer = data.openConsumer()) {
            Counter counter = new Counter();
            ChannelProducer go = control.producer();
            MemorySegment goMessage = MemorySegment.ofArray(new byte[] {'g'});
            run.startChild(run.bench, Channels.name(data), Channels.name(control));
            counter.expect(DATA, run.size);
            for (long left = run.warmup; left > 0; left -= WARMUP_CHUNK) {
                receive(consumer, counter, Math.min(left, WARMUP_CHUNK));
            }
            counter.expect(READY, 1);
            receive(consumer, counter, 1);
            counter.expect(DATA, run.size);
            long[] switches = Run.contextSwitches();
            long allocated = Run.allocatedBytes();
            long start = System.nanoTime();
            go.send(GO, goMessage);
            receive(consumer, counter, run.n);
            long nanos = System.nanoTime() - start;
            allocated = Run.allocatedBytes() - allocated;
            Run.traceSwitches("parent", switches, run.n);
            run.awaitChild();
            double seconds = nanos / 1e9;
            String extra = String.format(Locale.ROOT, "msgs_per_s=%.0f mb_per_s=%.2f ", run.n / seconds,
                    run.n * (double) run.size / seconds / 1e6) + Allocation.field(allocated, run.n) + " "
                    + Channels.sleeps(data, control);
            return SysvBench.report(run.bench, run.size, run.n, run.n, run.warmup, nanos, extra);
        }
    }

    /** Receives {@code count} messages: waits for one, then drains what else there is, up to count. */
    private static void receive(ChannelConsumer consumer, Counter counter, long count) {
        counter.received = 0;
        while (counter.received < count) {
            consumer.receive(counter);
            if (counter.received < count) {
                consumer.drain(counter, (int) Math.min(Integer.MAX_VALUE, count - counter.received));
            }
        }
    }

    static void child(Peer peer) {
        try (Channel data = Channel.ofId(peer.channelId(0)); Channel control = Channel.ofId(peer.channelId(1));
                ChannelConsumer go = control.openConsumer()) {
            byte[] bytes = new byte[peer.size];
            Arrays.fill(bytes, (byte) 't');
            MemorySegment payload = MemorySegment.ofArray(bytes);
            ChannelProducer producer = data.producer();
            for (long left = peer.warmup; left > 0; left -= WARMUP_CHUNK) {
                send(producer, payload, Math.min(left, WARMUP_CHUNK));
            }
            producer.send(READY, MemorySegment.ofArray(new byte[] {'r'}));
            go.receive((type, message) -> {
                if (type != GO) {
                    throw new BenchFailure("received type " + type + ", expected GO");
                }
            });
            long[] switches = Run.contextSwitches();
            send(producer, payload, peer.n);
            Run.traceSwitches("child", switches, peer.n);
        }
    }

    private static void send(ChannelProducer producer, MemorySegment payload, long count) {
        for (long i = 0; i < count; i++) {
            producer.send(DATA, payload);
        }
    }

    /**
     * Counts messages of the expected type and length, and fails on any other. One handler class
     * for DATA and READY keeps the consumer's call of it monomorphic, so the JIT inlines it and
     * escape analysis drops each message's view; comparing with a field, not a constant, keeps
     * READY from taking a branch the warm-up never took (which would deoptimize the loop).
     */
    private static final class Counter implements MessageHandler {
        private long expectedType;
        private long expectedLength;
        long received;

        void expect(long type, int length) {
            expectedType = type;
            expectedLength = length;
        }

        @Override
        public void onMessage(long type, MemorySegment message) {
            if (type != expectedType || message.byteSize() != expectedLength) {
                throw new BenchFailure("received type " + type + " of " + message.byteSize() + " bytes, expected type "
                        + expectedType + " of " + expectedLength);
            }
            received++;
        }
    }
}
