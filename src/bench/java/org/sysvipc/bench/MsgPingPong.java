package org.sysvipc.bench;

import static org.sysvipc.bench.SysvBench.DATA;
import static org.sysvipc.bench.SysvBench.MAX_MESSAGE;
import static org.sysvipc.bench.SysvBench.REPLY;

import java.lang.foreign.Arena;
import java.util.Arrays;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;

/**
 * {@code msg_pingpong}: the parent sends DATA of {@code size} bytes and receives REPLY; the child
 * receives DATA and sends the same bytes back as REPLY. One op is one round trip.
 */
final class MsgPingPong {
    private MsgPingPong() {
    }

    static String parent(Run run) throws InterruptedException {
        MessageQueue queue = run.own(MessageQueue.createPrivate());
        try (Arena arena = Arena.ofConfined()) {
            byte[] payload = new byte[run.size];
            Arrays.fill(payload, (byte) 'p');
            MessageBuffer data = MessageBuffer.allocate(arena, MAX_MESSAGE).set(DATA, payload);
            MessageBuffer reply = MessageBuffer.allocate(arena, MAX_MESSAGE);
            run.startChild(run.bench, Peer.name(queue));
            roundTrips(queue, data, reply, run.size, run.warmup);
            long allocated = Run.allocatedBytes();
            long start = System.nanoTime();
            roundTrips(queue, data, reply, run.size, run.n);
            long nanos = System.nanoTime() - start;
            allocated = Run.allocatedBytes() - allocated;
            run.awaitChild();
            return SysvBench.report(run.bench, run.size, run.n, run.n, run.warmup, nanos,
                    Allocation.field(allocated, run.n));
        }
    }

    private static void roundTrips(MessageQueue queue, MessageBuffer data, MessageBuffer reply, int size,
            long count) {
        for (long i = 0; i < count; i++) {
            roundTrip(queue, data, reply, size);
        }
    }

    /** One op in a method of its own, which the JIT compiles (with all it calls) after a few thousand warm-up calls. */
    private static void roundTrip(MessageQueue queue, MessageBuffer data, MessageBuffer reply, int size) {
        queue.send(data);
        queue.receive(REPLY, reply);
        SysvBench.expectLength(reply.length(), size);
    }

    static void child(Peer peer) {
        MessageQueue queue = peer.queue();
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer message = MessageBuffer.allocate(arena, MAX_MESSAGE);
            for (long i = 0, count = peer.warmup + peer.n; i < count; i++) {
                echo(queue, message);
            }
        }
    }

    private static void echo(MessageQueue queue, MessageBuffer message) {
        queue.receive(DATA, message);
        queue.send(message.setType(REPLY));
    }
}
