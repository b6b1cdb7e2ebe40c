package org.sysvipc.bench;

import static org.sysvipc.bench.SysvBench.DATA;
import static org.sysvipc.bench.SysvBench.GO;
import static org.sysvipc.bench.SysvBench.MAX_MESSAGE;
import static org.sysvipc.bench.SysvBench.READY;

import java.lang.foreign.Arena;
import java.util.Arrays;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;

/**
 * {@code msg_throughput}: the child sends W DATA messages, READY, waits for GO, then sends n DATA
 * messages of {@code size} bytes; the parent receives them and times from GO to the last one.
 */
final class MsgThroughput {
    private MsgThroughput() {
    }

    static String parent(Run run) throws InterruptedException {
        MessageQueue queue = run.own(MessageQueue.createPrivate());
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer message = MessageBuffer.allocate(arena, MAX_MESSAGE);
            MessageBuffer go = MessageBuffer.allocate(arena, 1).set(GO, new byte[] {'g'});
            run.startChild(run.bench, Peer.name(queue));
            receive(queue, message, run.size, run.warmup);
            queue.receive(READY, message);
            long[] switches = Run.contextSwitches();
            long allocated = Run.allocatedBytes();
            long start = System.nanoTime();
            queue.send(go);
            receive(queue, message, run.size, run.n);
            long nanos = System.nanoTime() - start;
            allocated = Run.allocatedBytes() - allocated;
            Run.traceSwitches("parent", switches, run.n);
            run.awaitChild();
            return SysvBench.report(run.bench, run.size, run.n, run.n, run.warmup, nanos,
                    SysvBench.throughputFields(run.n, run.size, nanos, allocated));
        }
    }

    private static void receive(MessageQueue queue, MessageBuffer message, int size, long count) {
        for (long i = 0; i < count; i++) {
            receiveOne(queue, message, size);
        }
    }

    /** One op in a method of its own, which the JIT compiles after a few thousand warm-up calls. */
    private static void receiveOne(MessageQueue queue, MessageBuffer message, int size) {
        queue.receive(DATA, message);
        SysvBench.expectLength(message.length(), size);
    }

    static void child(Peer peer) {
        MessageQueue queue = peer.queue();
        try (Arena arena = Arena.ofConfined()) {
            byte[] payload = new byte[peer.size];
            Arrays.fill(payload, (byte) 't');
            MessageBuffer data = MessageBuffer.allocate(arena, MAX_MESSAGE).set(DATA, payload);
            MessageBuffer control = MessageBuffer.allocate(arena, MAX_MESSAGE).set(READY, new byte[] {'r'});
            send(queue, data, peer.warmup);
            queue.send(control);
            queue.receive(GO, control);
            long[] switches = Run.contextSwitches();
            send(queue, data, peer.n);
            Run.traceSwitches("child", switches, peer.n);
        }
    }

    private static void send(MessageQueue queue, MessageBuffer data, long count) {
        for (long i = 0; i < count; i++) {
            sendOne(queue, data);
        }
    }

    private static void sendOne(MessageQueue queue, MessageBuffer data) {
        queue.send(data);
    }
}
