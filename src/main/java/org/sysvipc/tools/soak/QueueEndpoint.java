package org.sysvipc.tools.soak;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.BooleanSupplier;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;

/** A worker's end of a {@link QueueLane}: {@code msgsnd} and {@code msgrcv} on the queue with the lane's key. */
final class QueueEndpoint implements LaneEndpoint {
    private final IpcKey key;
    private final BlockingCalls calls;
    private final MessageBuffer outgoing = MessageBuffer.allocate(Arena.ofAuto(), SoakMessage.MAX_BYTES);
    private MessageQueue queue;

    QueueEndpoint(IpcKey key, BlockingCalls calls) {
        this.key = key;
        this.calls = calls;
    }

    @Override
    public void send(MemorySegment message) {
        outgoing.set(1, message);
        calls.run(CallKind.MSGSND, () -> queue.send(outgoing));
    }

    @Override
    public boolean receive(MessageBuffer mailbox) {
        calls.run(CallKind.MSGRCV, () -> queue.receive(0, mailbox));
        return true;
    }

    @Override
    public boolean reopen(BooleanSupplier stopped) {
        queue = Reopening.await("the message queue with key " + key, () -> MessageQueue.open(key), stopped);
        return queue != null;
    }
}
