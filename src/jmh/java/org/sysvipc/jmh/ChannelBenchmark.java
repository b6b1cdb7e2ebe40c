package org.sysvipc.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.sysvipc.MessageBuffer;
import org.sysvipc.channel.Channel;
import org.sysvipc.channel.ChannelConsumer;
import org.sysvipc.channel.ChannelProducer;
import org.sysvipc.channel.MessageHandler;

/**
 * The single-process costs of a channel: a message sent into the ring and taken out again by the
 * same thread, nobody sleeping, so no system call: the claim lock, the copy in, the commit with its
 * fence, and the read of the record. Compare {@link MessageQueueBenchmark}, the same with
 * {@code msgsnd} and {@code msgrcv}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ChannelBenchmark {
    private static final long TYPE = 1;
    /** Messages per invocation of the batch benchmark. */
    private static final int BATCH = 64;

    /** The message's payload in bytes. */
    @Param({"64", "4096"})
    public int size;

    private IpcObjects objects;
    private Arena arena;
    private Channel channel;
    private ChannelProducer producer;
    private ChannelConsumer consumer;
    private MemorySegment message;
    private MessageBuffer incoming;
    private Sink sink;

    /** Takes a message's view and keeps its length, so that nothing is optimised away. */
    private static final class Sink implements MessageHandler {
        long bytes;

        @Override
        public void onMessage(long type, MemorySegment view) {
            bytes += view.byteSize();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        objects = new IpcObjects();
        channel = Channel.createPrivate(1 << 20, 8192);
        objects.add(channel.semaphores());
        objects.add(channel.memory());
        producer = channel.producer();
        consumer = channel.openConsumer();
        arena = Arena.ofConfined();
        message = arena.allocate(size);
        incoming = MessageBuffer.allocate(arena, 8192);
        sink = new Sink();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            channel.close();
            objects.close();
        } finally {
            arena.close();
        }
    }

    /** One message in and out without copying it out: the view goes to a handler. */
    @Benchmark
    public long sendReceiveZeroCopy() {
        producer.trySend(TYPE, message);
        consumer.tryReceive(sink);
        return sink.bytes;
    }

    /** One message in and out, copied into a {@link MessageBuffer}. */
    @Benchmark
    public void sendReceiveCopy(Blackhole blackhole) {
        producer.trySend(TYPE, message);
        blackhole.consume(consumer.tryReceive(incoming));
        blackhole.consume(incoming.length());
    }

    /** {@value #BATCH} messages in, then one drain of all of them: the cost per message. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendBatchDrain() {
        for (int i = 0; i < BATCH; i++) {
            producer.trySend(TYPE, message);
        }
        consumer.drain(sink, BATCH);
        return sink.bytes;
    }
}
