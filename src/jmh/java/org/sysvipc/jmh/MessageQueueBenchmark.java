package org.sysvipc.jmh;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.sysvipc.Message;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;

/**
 * A message sent to a private queue and received back by the same thread, without waiting
 * ({@code IPC_NOWAIT}): one {@code msgsnd} and one {@code msgrcv}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MessageQueueBenchmark {
    private static final long TYPE = 1;

    /** The message's payload in bytes. */
    @Param("64")
    public int size;

    private IpcObjects objects;
    private Arena arena;
    private MessageQueue queue;
    private MessageBuffer outgoing;
    private MessageBuffer incoming;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() {
        objects = new IpcObjects();
        queue = objects.add(MessageQueue.createPrivate());
        arena = Arena.ofConfined();
        bytes = new byte[size];
        outgoing = MessageBuffer.allocate(arena, size).set(TYPE, bytes);
        incoming = MessageBuffer.allocate(arena, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            objects.close();
        } finally {
            arena.close();
        }
    }

    /** The allocation-free path: caller-owned {@link MessageBuffer}s both ways. */
    @Benchmark
    public void sendReceiveBuffer(Blackhole blackhole) {
        blackhole.consume(queue.trySend(outgoing));
        blackhole.consume(queue.tryReceive(TYPE, incoming));
        blackhole.consume(incoming.length());
    }

    /** The convenient path, for comparison: a {@code byte[]} in, a new {@link Message} out. */
    @Benchmark
    public void sendReceiveBytes(Blackhole blackhole) {
        blackhole.consume(queue.trySend(TYPE, bytes));
        blackhole.consume(queue.tryReceive(TYPE).orElseThrow());
    }
}
